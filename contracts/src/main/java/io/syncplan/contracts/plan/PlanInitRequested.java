package io.syncplan.contracts.plan;

import java.util.Objects;

/**
 * Command to the executors of the plan's pool: check that the destination is reachable, create it
 * (and, for revisions, the history folder) and report with {@link PlanInitialized}.
 */
public record PlanInitRequested(PlanSnapshot plan) implements PlanSnapshotMessage {

  public PlanInitRequested {
    Objects.requireNonNull(plan, "plan");
  }
}
