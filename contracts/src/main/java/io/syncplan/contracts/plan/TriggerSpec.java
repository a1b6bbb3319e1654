package io.syncplan.contracts.plan;

import java.util.List;

/**
 * What starts a plan besides its schedule and the API: the ends of other plans' runs (a chain). Dry
 * runs start nothing. Kept apart from the plan's schedule, so that a plan may have either or both.
 *
 * @param after the plans whose runs start this one, each with the outcomes that do
 */
public record TriggerSpec(List<AfterPlan> after) {

  public static final TriggerSpec NONE = new TriggerSpec(List.of());

  public TriggerSpec {
    after = after == null ? List.of() : List.copyOf(after);
  }

  public boolean isEmpty() {
    return after.isEmpty();
  }
}
