package io.syncplan.executor.run;

import io.syncplan.executor.history.RestoreChoice.Version;
import io.syncplan.executor.rclone.RcloneProgress;
import java.util.Collection;
import java.util.List;

/**
 * A restore's progress over all its copies, one per folder the versions come from, as one run's.
 */
final class RestoreProgress {
  private final long totalBytes;
  private final long totalFiles;
  private long bytesBefore;
  private long filesBefore;
  private final ProgressReporter reporter;

  RestoreProgress(Collection<List<Version>> groups, ProgressReporter reporter) {
    this.reporter = reporter;
    long bytes = 0;
    long count = 0;
    for (List<Version> group : groups) {
      count += group.size();
      for (Version version : group) {
        bytes += version.size();
      }
    }
    this.totalBytes = bytes;
    this.totalFiles = count;
  }

  void report(RcloneProgress step) {
    reporter.report(
        new RcloneProgress(
            bytesBefore + step.bytesDone(),
            totalBytes,
            filesBefore + step.filesDone(),
            totalFiles,
            step.speedBytesPerSecond(),
            step.etaSeconds()));
  }

  void groupDone(List<Version> group) {
    filesBefore += group.size();
    for (Version version : group) {
      bytesBefore += version.size();
    }
  }
}
