package io.syncplan.contracts.plan;

import java.util.Objects;

/**
 * A plan was created, changed, paused, resumed or deleted. Published on {@code
 * syncplan.plan-events} with the full snapshot after the change (for DELETED, the last one).
 */
public record PlanChanged(PlanChange change, PlanSnapshot plan) implements PlanSnapshotMessage {

  public PlanChanged {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(plan, "plan");
  }
}
