package io.syncplan.contracts.plan;

import java.util.Objects;
import java.util.Set;

/**
 * One link of a chain: start this plan when a run of {@code planId} ends with one of {@code on}.
 *
 * @param planId the plan whose runs start this one, by id (names change, ids do not)
 * @param on the outcomes that start it; {@link RunOutcome#SUCCESS} when none are given
 */
public record AfterPlan(String planId, Set<RunOutcome> on) {

  public AfterPlan {
    Objects.requireNonNull(planId, "planId");
    on = on == null || on.isEmpty() ? Set.of(RunOutcome.SUCCESS) : Set.copyOf(on);
  }

  /** Whether a run of {@link #planId()} that ended this way starts the plan. */
  public boolean startsOn(RunOutcome outcome) {
    return on.contains(outcome);
  }
}
