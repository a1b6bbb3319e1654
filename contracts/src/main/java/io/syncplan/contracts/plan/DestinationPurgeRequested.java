package io.syncplan.contracts.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * Command to the executors of the plan's pool, sent only when a plan's deletion explicitly asked
 * for it: remove everything at the deleted plan's destination (its revision history included) and,
 * for BISYNC, the plan's stored bisync state; never the source. Answered with {@link
 * DestinationPurged}.
 *
 * @param plan the plan's last snapshot, whose destination (and sealed secrets) say what to remove
 */
public record DestinationPurgeRequested(String requestId, PlanSnapshot plan, Instant requestedAt)
    implements PlanSnapshotMessage {

  public DestinationPurgeRequested {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }
}
