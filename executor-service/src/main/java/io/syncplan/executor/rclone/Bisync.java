package io.syncplan.executor.rclone;

import io.syncplan.contracts.plan.PerformanceSpec;
import java.nio.file.Path;

/**
 * A two-way run.
 *
 * @param workdir where bisync keeps its listings between runs
 * @param resync true for the first run, which builds the listings
 * @param maxDeletePercent bisync aborts when a side would lose more than this share of its files
 * @param history1 the run's history folder on path1, where the losers of conflicts on path1 are
 *     kept
 * @param history2 the same on path2
 */
public record Bisync(
    RcloneLocation path1,
    RcloneLocation path2,
    Path filterFile,
    PerformanceSpec performance,
    boolean dryRun,
    Path workdir,
    boolean resync,
    int maxDeletePercent,
    RcloneLocation history1,
    RcloneLocation history2,
    boolean checkAccess) {

  /** The same bisync, as a dry run. */
  public Bisync withDryRun() {
    return new Bisync(
        path1,
        path2,
        filterFile,
        performance,
        true,
        workdir,
        resync,
        maxDeletePercent,
        history1,
        history2,
        checkAccess);
  }
}
