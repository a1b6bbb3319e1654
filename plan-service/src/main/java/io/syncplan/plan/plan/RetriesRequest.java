package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.plan.web.DurationText;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How a run that failed for a retryable reason is attempted again. */
record RetriesRequest(
    @Schema(description = "attempts in all, the first included", defaultValue = "5")
        @Min(1)
        @Max(PlanLimits.MAX_ATTEMPTS)
        Integer attempts,
    @Schema(description = "wait before the second attempt", defaultValue = "30s")
        @DurationText(min = 1, max = PlanLimits.MAX_RETRY_DELAY_SECONDS)
        String delay,
    @Schema(description = "each further wait is the previous one times this", defaultValue = "1")
        @DecimalMin("1.0")
        @DecimalMax(PlanLimits.MAX_BACKOFF_MULTIPLIER)
        Double backoffMultiplier) {}
