package io.syncplan.contracts.revision;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.PlanSnapshotMessage;
import java.util.Objects;

/**
 * Command to the executors of the plan's pool: list every revision folder of the plan and report
 * each ({@link RevisionIndexed}), then which folders there are ({@link RevisionIndexCompleted}).
 * plan-service asks for it for a plan whose history it has not indexed yet (one made before the
 * index existed) and on request.
 */
public record RevisionIndexRequested(String requestId, PlanSnapshot plan)
    implements PlanSnapshotMessage {

  public RevisionIndexRequested {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(plan, "plan");
  }
}
