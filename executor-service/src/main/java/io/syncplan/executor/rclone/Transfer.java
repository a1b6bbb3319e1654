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

  public Transfer(
      SyncMode mode,
      RcloneLocation source,
      RcloneLocation destination,
      Path filterFile,
      PerformanceSpec performance,
      boolean dryRun,
      RcloneLocation backupDir,
      Long maxDelete) {
    this(
        mode,
        source,
        destination,
        filterFile,
        performance,
        dryRun,
        backupDir,
        maxDelete,
        dryRun,
        null);
  }

  /** The same run with at most {@code maxDelete} deletions (null: no limit). */
  public Transfer withMaxDelete(Long maxDelete) {
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

  /** The same run with its change reports written into {@code reports}. */
  public Transfer withReports(Path reports) {
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
