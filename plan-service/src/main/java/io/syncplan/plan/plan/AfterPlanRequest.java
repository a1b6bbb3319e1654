package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.plan.web.NoControlChars;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One plan whose runs start this one.
 *
 * @param plan the other plan's id or name; stored as its id, so renaming it keeps the chain
 * @param on the outcomes of its runs that start this plan; SUCCESS when empty. Dry runs start
 *     nothing.
 */
record AfterPlanRequest(
    @Schema(description = "the id or name of the plan whose runs start this one", example = "docs")
        @NotBlank
        @Size(max = PlanLimits.NAME_LENGTH)
        @NoControlChars
        String plan,
    @Schema(
            example = "[\"SUCCESS\"]",
            description = "SUCCESS, PARTIAL, FAILURE or CANCELLED; SUCCESS when empty")
        @Size(max = 4)
        List<@NotNull @OneOf(RunOutcome.class) String> on) {}
