package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageType;
import java.time.Instant;
import java.util.Objects;

/**
 * A run ended: succeeded, partial, failed or cancelled. The envelope type says which.
 *
 * @param attempts how many attempts the run took
 * @param error null for a success
 * @param kind what the run did; SYNC when not given (events written before kinds existed)
 */
public record RunFinished(
    String runId,
    String planId,
    RunStatus status,
    Instant startedAt,
    Instant finishedAt,
    int attempts,
    boolean dryRun,
    RunStats stats,
    RunChanges changes,
    RunError error,
    RunKind kind)
    implements Message {

  public RunFinished {
    Objects.requireNonNull(status, "status");
    if (!status.isFinal()) {
      throw new IllegalArgumentException("a finished run needs a final status, not " + status);
    }
    stats = stats == null ? RunStats.EMPTY : stats;
    changes = changes == null ? RunChanges.NONE : changes;
    kind = RunKind.orSync(kind);
  }

  /** The end of a run of the plan's own sync. */
  public RunFinished(
      String runId,
      String planId,
      RunStatus status,
      Instant startedAt,
      Instant finishedAt,
      int attempts,
      boolean dryRun,
      RunStats stats,
      RunChanges changes,
      RunError error) {
    this(
        runId,
        planId,
        status,
        startedAt,
        finishedAt,
        attempts,
        dryRun,
        stats,
        changes,
        error,
        RunKind.SYNC);
  }

  @Override
  public MessageType messageType() {
    return switch (status) {
      case SUCCEEDED -> MessageType.RUN_SUCCEEDED;
      case PARTIAL -> MessageType.RUN_PARTIAL;
      case FAILED -> MessageType.RUN_FAILED;
      case CANCELLED -> MessageType.RUN_CANCELLED;
      default -> throw new IllegalStateException("not final: " + status);
    };
  }
}
