package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.HookOn;
import io.syncplan.plan.web.DurationText;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A hook of a plan: the name of a command the operator offers on the plan's pool, run before or
 * after the plan's runs. A command line is never accepted, only such a name.
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
            description = "the name of a command the operator defined for the plan's pool")
        @NotNull
        @Pattern(
            regexp = "[a-z0-9][a-z0-9-]{0,62}",
            message = "must be the name of a hook command: lower-case letters, digits or '-'")
        String command) {}
