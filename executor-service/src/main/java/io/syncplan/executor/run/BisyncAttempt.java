package io.syncplan.executor.run;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.bisync.BisyncConflicts;
import io.syncplan.executor.bisync.BisyncStateStore;
import io.syncplan.executor.bisync.BisyncStateStore.Restored;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.rclone.Bisync;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.revision.RevisionFolders;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One attempt of a BISYNC run. Its state (bisync's listings) is restored from the store first.
 *
 * <ul>
 *   <li>The plan's first run, and a resync an operator asked for ({@link RunTrigger#RESYNC}), build
 *       the state afresh: every file either side has ends on both, of two versions the newer wins
 *       and the older is kept in its side's history; a dry run of either lists what it would copy
 *       each way.
 *   <li>Later runs carry changes both ways against the state.
 *   <li>Once a plan has a state, it is never silently rebuilt: a state that is gone or cannot be
 *       read, or a critical abort of bisync, puts the plan into NEEDS_RESYNC ({@link
 *       ResyncNeeded}), and its runs are refused until a resync succeeds.
 * </ul>
 */
@Component
class BisyncAttempt {

  private final BisyncStateStore state;
  private final BisyncConflicts conflicts;
  private final ResyncGate gate;
  private final LegacyResync legacyResync;
  private final RcloneCommandBuilder commands;
  private final ControlledRclone rclone;
  private final Rclone installed;
  private final ExecutorProperties properties;

  BisyncAttempt(
      BisyncStateStore state,
      BisyncConflicts conflicts,
      ResyncGate gate,
      LegacyResync legacyResync,
      RcloneCommandBuilder commands,
      ControlledRclone rclone,
      Rclone installed,
      ExecutorProperties properties) {
    this.state = state;
    this.conflicts = conflicts;
    this.gate = gate;
    this.legacyResync = legacyResync;
    this.commands = commands;
    this.rclone = rclone;
    this.installed = installed;
    this.properties = properties;
  }

  AttemptResult run(
      LedgerEntry entry,
      RcloneLocation path1,
      RcloneLocation path2,
      Path filterFile,
      RunControl control,
      ProgressReporter progress) {
    PlanSnapshot plan = entry.command().plan();
    boolean dryRun = entry.command().dryRun();
    boolean resyncAsked = entry.command().trigger() == RunTrigger.RESYNC;
    Path workdir =
        properties
            .workDir()
            .resolve("bisync")
            .resolve(plan.id().replaceAll("[^A-Za-z0-9._-]", "_"));
    BisyncStateStore.State known = state.state(plan.id());
    if (known.needsResync() != null && !resyncAsked) {
      return gate.refuse(entry, known.needsResync());
    }
    boolean resync = resyncAsked;
    if (resyncAsked) {
      state.prepareEmpty(workdir);
    } else {
      Restored restored = state.restore(plan.id(), workdir);
      switch (restored) {
        case NONE -> resync = true;
        case MISSING -> {
          return gate.mark(
              entry,
              ResyncNeeded.STATE_MISSING,
              "bisync's saved state of the plan is incomplete: the listing of a side is gone");
        }
        case CORRUPT -> {
          return gate.mark(
              entry, ResyncNeeded.STATE_CORRUPT, "bisync's saved state of the plan cannot be read");
        }
        case RESTORED -> {}
      }
    }
    if (!known.saved() && resync && !dryRun) {
      Optional<AttemptResult> failed = createSides(entry, path1, path2, control);
      if (failed.isPresent()) {
        return failed.get();
      }
    }
    int maxDeletePercent =
        plan.deletionGuard().enabled() ? plan.deletionGuard().maxDeletePercent() : 100;
    String history = RevisionFolders.ROOT + "/" + RevisionFolders.name(entry.startedAt());
    Bisync bisync =
        new Bisync(
            path1,
            path2,
            filterFile,
            plan.performance(),
            dryRun,
            workdir,
            resync,
            maxDeletePercent,
            path1.child(history),
            path2.child(history),
            plan.deletionGuard().checkAccess());
    AttemptResult result =
        resync && !installed.version().isModern()
            ? legacyResync.run(bisync, command -> bisync(entry, command, control, progress))
            : bisync(entry, bisync, control, progress);
    if (!dryRun && result.status() == RunStatus.SUCCEEDED && !resync) {
      result = resolveConflicts(bisync, result, history);
    }
    if (!dryRun && result.status() == RunStatus.SUCCEEDED) {
      state.save(plan.id(), workdir);
    }
    return resync ? result : gate.afterBisync(entry, result);
  }

  private AttemptResult bisync(
      LedgerEntry entry, Bisync bisync, RunControl control, ProgressReporter progress) {
    return rclone
        .run(commands.bisync(bisync), control, false, progress::report)
        .map(
            done -> Outcomes.of(done.report(), entry.command().plan().mode(), control.stopReason()))
        .orElseGet(AttemptResult::cancelledBeforeStart);
  }

  /**
   * bisync needs both sides to exist. Only the first run creates a missing one: later, a side that
   * vanished is more likely an unmounted disk than an empty folder.
   */
  private Optional<AttemptResult> createSides(
      LedgerEntry entry, RcloneLocation path1, RcloneLocation path2, RunControl control) {
    for (RcloneLocation side : List.of(path1, path2)) {
      Optional<ControlledRclone.Finished> mkdir =
          rclone.run(commands.mkdir(side), control, false, ignored -> {});
      if (mkdir.isEmpty()) {
        return Optional.of(AttemptResult.cancelledBeforeStart());
      }
      if (!mkdir.get().report().succeeded()) {
        return Optional.of(
            Outcomes.of(mkdir.get().report(), entry.command().plan().mode(), control.stopReason()));
      }
    }
    return Optional.empty();
  }

  /** The run with its conflicts resolved; failed (not retried) if they could not be. */
  private AttemptResult resolveConflicts(Bisync bisync, AttemptResult result, String history) {
    BisyncConflicts.Resolved resolved =
        conflicts.resolve(bisync, result.stats(), result.changes(), history);
    RunError error =
        resolved.failure() == null
            ? null
            : new RunError(
                Outcomes.BISYNC_CONFLICT_UNRESOLVED, resolved.failure(), null, List.of());
    return new AttemptResult(
        error == null ? RunStatus.SUCCEEDED : RunStatus.FAILED,
        resolved.stats(),
        resolved.changes(),
        error,
        false,
        result.rcloneTime());
  }
}
