package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.plan.web.NoControlChars;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A plan as a client describes it: the body of create, replace and by-name apply. Everything but
 * name, source, destination and mode is optional and takes its default. Secrets (crypt password,
 * webhook secrets) are write-only: left out on a replace, the plan keeps the ones it has. {@code
 * trigger} chains the plan to other plans' runs (see {@link TriggerRequest}).
 */
@Schema(name = "PlanRequest")
record PlanRequest(
    @Schema(example = "docs")
        @NotBlank
        @Size(max = PlanLimits.NAME_LENGTH)
        @Pattern(regexp = PlanLimits.NAME_PATTERN, message = PlanLimits.NAME_MESSAGE)
        String name,
    @Size(max = 1000) @NoControlChars String description,
    @Size(max = PlanLimits.TAGS)
        List<
                @NotNull @Pattern(regexp = PlanLimits.TAG_PATTERN, message = PlanLimits.TAG_MESSAGE)
                String>
            tags,
    @NotNull @Valid EndpointRequest source,
    @NotNull @Valid EndpointRequest destination,
    @Schema(allowableValues = {"MIRROR", "COPY", "MIRROR_WITH_REVISIONS", "BISYNC"})
        @NotNull
        @OneOf(SyncMode.class)
        String mode,
    @Valid ScheduleRequest schedule,
    @Valid RevisionsRequest revisions,
    @Valid FiltersRequest filters,
    @Valid PerformanceRequest performance,
    @Valid RetriesRequest retries,
    @Valid NotificationsRequest notifications,
    @Valid EncryptionRequest encryption,
    @Schema(description = "executor pool that runs the plan", example = "default")
        @Pattern(
            regexp = "[a-z0-9][a-z0-9-]{0,62}",
            message = "must be 1 to 63 lower-case letters, digits or '-'")
        String pool,
    @Schema(
            allowableValues = {"LOW", "NORMAL", "HIGH"},
            defaultValue = "NORMAL")
        @OneOf(Priority.class)
        String priority,
    @Valid DeletionGuardRequest deletionGuard,
    @Schema(defaultValue = "false") Boolean paused,
    @Valid TriggerRequest trigger,
    @Schema(description = "commands the operator offers on the pool, run before or after each run")
        @Size(max = PlanLimits.HOOKS)
        List<@NotNull @Valid HookRequest> hooks,
    @Valid VerifyPolicyRequest verify) {}
