package io.syncplan.executor.rclone;

import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.SyncMode;
import java.nio.file.Path;

/**
 * A one-way run: {@code sync} for the mirror modes, {@code copy} for COPY.
 *
 * @param backupDir where replaced and deleted files go (MIRROR_WITH_REVISIONS), or null
 * @param maxDelete the most files the run may delete, or null for no limit
 * @param detailed for a dry run, whether it must tell replaced files from new ones (which rclone
 *     before 1.66 says only at debug level, a line per file); the mass-deletion guard only counts
 *     deletions
 * @param reports where rclone 1.66 and later write their change reports ({@link ChangeReports}), or
 *     null for none
 */
public record Transfer(
    SyncMode mode,
    RcloneLocation source,
    RcloneLocation destination,
    Path filterFile,
    PerformanceSpec performance,
    boolean dryRun,
    RcloneLocation backupDir,
    Long maxDelete,
    boolean detailed,
    Path reports) {

  /**
   * True when this pass's per-file facts can all come from rclone's change reports (given rclone
   * writes them, 1.66 and later), so that rclone need not log a line per file: the pass either runs
   * to the end of its comparison (its reports then say what changed, less the files its error
   * report names) or deletes nothing ({@code --max-delete 0}). A pass that may stop part-way by
   * design keeps the log's lines, the only record of what it did before it stopped: one with a
   * plan's {@code maxDuration} or {@code maxTransfer}, and one that may delete some files and then
   * refuse the rest ({@code --max-delete} above zero).
   */
  public boolean listedByReports() {
    return reports != null
        && (maxDelete == null || maxDelete == 0)
        && performance.maxDuration() == null
        && performance.maxTransfer() == null;
  }

  /** The same run with at most {@code maxDelete} deletions (null: no limit). */
  public Transfer withMaxDelete(Long maxDelete) {
    return with(maxDelete, reports);
  }

  /** The same run with its change reports written into {@code reports}. */
  public Transfer withReports(Path reports) {
    return with(maxDelete, reports);
  }

  private Transfer with(Long maxDelete, Path reports) {
    return new Transfer(
        mode,
        source,
        destination,
        filterFile,
        performance,
        dryRun,
        backupDir,
        maxDelete,
        detailed,
        reports);
  }
}
