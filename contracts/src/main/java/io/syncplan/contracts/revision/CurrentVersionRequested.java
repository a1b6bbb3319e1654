package io.syncplan.contracts.revision;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.PlanSnapshotMessage;
import java.util.Objects;

/**
 * Command to the executors of the plan's pool: say whether the plan's destination holds this file
 * now, with its size and modification time (through the plan's encryption). Answered with {@link
 * CurrentVersionFound}.
 *
 * @param path relative to the plan's destination
 */
public record CurrentVersionRequested(String requestId, PlanSnapshot plan, String path)
    implements PlanSnapshotMessage {

  public CurrentVersionRequested {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(path, "path");
  }
}
