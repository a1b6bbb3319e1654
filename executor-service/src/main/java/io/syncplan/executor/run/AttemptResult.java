package io.syncplan.executor.run;

import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import java.time.Duration;
import java.util.List;

/**
 * How one attempt of a run ended.
 *
 * @param status a final status
 * @param retryable true when another attempt may succeed (a remote that was down, rclone killed)
 * @param rcloneTime how long the attempt's rclone processes ran, in all
 */
record AttemptResult(
    RunStatus status,
    RunStats stats,
    RunChanges changes,
    RunError error,
    boolean retryable,
    Duration rcloneTime) {

  AttemptResult {
    stats = stats == null ? RunStats.EMPTY : stats;
    changes = changes == null ? RunChanges.NONE : changes;
    rcloneTime = rcloneTime == null ? Duration.ZERO : rcloneTime;
  }

  /** A failure found before rclone ran, which another attempt would meet again. */
  static AttemptResult refused(String reason, String message) {
    return new AttemptResult(
        RunStatus.FAILED, null, null, new RunError(reason, message, null, List.of()), false, null);
  }

  /** The run was stopped before it could start its work. */
  static AttemptResult cancelledBeforeStart() {
    return new AttemptResult(
        RunStatus.CANCELLED,
        null,
        null,
        new RunError("CANCELLED", "cancelled on request before it started", null, List.of()),
        false,
        null);
  }

  /** The reason and message, for a RETRYING event. */
  String describe() {
    if (error == null) {
      return status.name();
    }
    return error.message() == null ? error.reason() : error.reason() + ": " + error.message();
  }

  AttemptResult plusRcloneTime(Duration more) {
    return new AttemptResult(status, stats, changes, error, retryable, rcloneTime.plus(more));
  }
}
