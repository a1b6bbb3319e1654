package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.plan.web.HttpUrl;
import io.syncplan.plan.web.NoControlChars;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * A webhook that gets a POST for the outcomes it names (every finished run when {@code on} is
 * empty). Header values and the signing secret are write-only: left out on a replace, the webhook
 * with the same URL keeps the ones it has; an empty secret removes it.
 */
record WebhookRequest(
    @Schema(example = "https://hooks.example.com/syncplan") @NotNull @Size(max = 2048) @HttpUrl
        String url,
    @Schema(example = "[\"FAILURE\", \"PARTIAL\"]") @Size(max = 7)
        List<@NotNull @OneOf(Outcome.class) String> on,
    @Schema(
            description =
                "the body and URL form: syncplan's JSON, a chat app's message, or"
                    + " healthchecks-style pings (HEALTHCHECKS); see docs/notifications.md",
            allowableValues = {
              "JSON",
              "SLACK",
              "DISCORD",
              "NTFY",
              "GOTIFY",
              "TELEGRAM",
              "TEAMS",
              "HEALTHCHECKS"
            },
            defaultValue = "JSON")
        @OneOf(WebhookFormat.class)
        String format,
    @Schema(example = "{\"X-Team\": \"platform\"}") @Size(max = PlanLimits.WEBHOOK_HEADERS)
        Map<
                @NotNull
                @Pattern(
                    regexp = PlanLimits.HEADER_NAME_PATTERN,
                    message = PlanLimits.HEADER_NAME_MESSAGE)
                String,
                @NotNull @Size(max = 1000) @NoControlChars String>
            headers,
    @Schema(description = "signs each delivery (HMAC-SHA256); write-only", example = "s3cr3t")
        @Size(max = 1000)
        @NoControlChars
        String secret) {}
