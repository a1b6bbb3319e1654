package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What starts a plan besides its schedule and the API: the ends of other plans' runs. A plan may
 * have a trigger, a schedule, both or neither. Chains that would form a cycle are refused.
 */
@Schema(name = "TriggerRequest")
record TriggerRequest(
    @Schema(description = "start this plan when a run of one of these plans ends as listed")
        @Size(max = PlanLimits.CHAINED_AFTER)
        List<@NotNull @Valid AfterPlanRequest> after) {}
