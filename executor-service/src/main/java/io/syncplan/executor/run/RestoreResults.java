package io.syncplan.executor.run;

import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import java.time.Duration;
import java.util.List;

/**
 * A restore's result from what it wrote and skipped, whichever way it copied: the counts in {@code
 * stats} and the first paths of each outcome in {@code changes}. A replaced file is also moved into
 * a history when the restore overwrites.
 */
final class RestoreResults {

  private RestoreResults() {}

  /** What a restore did with its files: new at the target, replaced there, and skipped. */
  record Restored(FirstPaths added, FirstPaths replaced, FirstPaths skipped) {}

  static AttemptResult of(
      RunStatus status,
      Restored restored,
      boolean overwrite,
      long bytes,
      RunError error,
      boolean retryable,
      Duration rcloneTime) {
    FirstPaths added = restored.added();
    FirstPaths replaced = restored.replaced();
    FirstPaths skipped = restored.skipped();
    long moved = overwrite ? replaced.count() : 0;
    RunStats stats =
        new RunStats(
            added.count(),
            replaced.count(),
            0,
            moved,
            bytes,
            added.count() + replaced.count() + skipped.count(),
            0,
            0,
            skipped.count(),
            0L,
            0L,
            0L,
            0L);
    RunChanges changes =
        RunChanges.restored(
            added.paths(),
            replaced.paths(),
            overwrite ? replaced.paths() : List.of(),
            skipped.paths(),
            added.omitted() + replaced.omitted() * 2 + skipped.omitted());
    return new AttemptResult(status, stats, changes, error, retryable, rcloneTime);
  }
}
