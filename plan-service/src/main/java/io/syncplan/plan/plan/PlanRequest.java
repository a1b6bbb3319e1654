package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/v1/plans}: a plan as a client describes it. */
public record PlanRequest(
    @NotBlank @Size(max = 100) String name,
    @Size(max = 1000) String description,
    @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
    @NotNull @Valid EndpointRequest source,
    @NotNull @Valid EndpointRequest destination,
    @NotNull @OneOf(SyncMode.class) String mode,
    @Valid ScheduleRequest schedule,
    @Valid NotificationsRequest notifications,
    @Pattern(
            regexp = "[a-z0-9][a-z0-9-]{0,62}",
            message = "must be 1 to 63 lower-case letters, digits or '-'")
        String pool) {}
