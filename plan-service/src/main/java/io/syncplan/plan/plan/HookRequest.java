package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.HookOn;
import io.syncplan.plan.web.DurationText;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A hook of a plan, run before or after the plan's runs, with one action: the name of a command the
 * operator offers on the plan's pool (a command line is never accepted, only such a name), or an
 * HTTP request.
 */
record HookRequest(
    @Schema(allowableValues = {"BEFORE", "AFTER_SUCCESS", "AFTER_FAILURE", "AFTER"})
        @NotNull
        @OneOf(HookOn.class)
        String on,
    @Schema(example = "5m", description = "killed, with what it started, after this long")
        @NotNull
        @DurationText
        String timeout,
    @Schema(description = "BEFORE only: a failure fails the run (HOOK_FAILED) before rclone starts")
        Boolean abortOnError,
    @Schema(
            example = "snapshot-db",
            description =
                "the name of a command the operator defined for the plan's pool; or give http")
        @Pattern(
            regexp = "[a-z0-9][a-z0-9-]{0,62}",
            message = "must be the name of a hook command: lower-case letters, digits or '-'")
        String command,
    @Schema(description = "a request with the run's webhook body; or give command") @Valid
        HttpHookRequest http) {}
