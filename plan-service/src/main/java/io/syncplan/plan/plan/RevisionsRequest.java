package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How long a MIRROR_WITH_REVISIONS plan keeps replaced versions; a revision goes once it is older
 * than keepDays or not among the newest keepCount. Without this object: 30 days, any count.
 */
record RevisionsRequest(
    @Schema(example = "30") @Min(1) @Max(PlanLimits.MAX_KEEP_DAYS) Integer keepDays,
    @Schema(example = "100") @Min(1) @Max(PlanLimits.MAX_KEEP_COUNT) Integer keepCount) {}
