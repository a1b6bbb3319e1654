package io.syncplan.contracts.plan;

import java.util.Objects;

/** Command to the executors of the plan's pool: remove the plan's expired revisions now. */
public record RevisionCleanupRequested(String requestId, PlanSnapshot plan)
    implements PlanSnapshotMessage {

  public RevisionCleanupRequested {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(plan, "plan");
  }
}
