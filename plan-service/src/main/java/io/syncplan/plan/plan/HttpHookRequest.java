package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.plan.web.HttpUrl;
import io.syncplan.plan.web.NoControlChars;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * The HTTP action of a hook: a request with the run's webhook body, signed like a webhook's. The
 * URL (it may hold a credential), header values and secret are sealed; header values and the secret
 * are write-only: left out on a replace, the hook with the same URL keeps the ones it has; an empty
 * secret removes it.
 */
record HttpHookRequest(
    @Schema(example = "https://ci.example.com/hooks/backup-done")
        @NotNull
        @Size(max = 2048)
        @HttpUrl
        String url,
    @Schema(
            allowableValues = {"POST", "PUT"},
            defaultValue = "POST")
        String method,
    @Schema(example = "{\"Authorization\": \"Bearer …\"}") @Size(max = PlanLimits.WEBHOOK_HEADERS)
        Map<
                @NotNull
                @Pattern(
                    regexp = PlanLimits.HEADER_NAME_PATTERN,
                    message = PlanLimits.HEADER_NAME_MESSAGE)
                String,
                @NotNull @Size(min = 1, max = 1000) @NoControlChars String>
            headers,
    @Schema(description = "signs each request (HMAC-SHA256); write-only", example = "s3cr3t")
        @Size(max = 1000)
        @NoControlChars
        String secret) {}
