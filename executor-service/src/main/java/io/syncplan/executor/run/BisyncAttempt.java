package io.syncplan.executor.run;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.bisync.BisyncConflicts;
import io.syncplan.executor.bisync.BisyncStateStore;
import io.syncplan.executor.bisync.BisyncStateStore.NeedsResync;
import io.syncplan.executor.bisync.BisyncStateStore.Restored;
import io.syncplan.executor.bisync.OlderVersions;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.rclone.Bisync;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.executor.storage.RcloneLocation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(BisyncAttempt.class);

  private final BisyncStateStore state;
  private final BisyncConflicts conflicts;
  private final OlderVersions olderVersions;
  private final RcloneCommandBuilder commands;
  private final ControlledRclone rclone;
  private final Rclone installed;
  private final RunEvents events;
  private final ExecutorProperties properties;
  private final Clock clock;

  BisyncAttempt(
      BisyncStateStore state,
      BisyncConflicts conflicts,
      OlderVersions olderVersions,
      RcloneCommandBuilder commands,
      ControlledRclone rclone,
      Rclone installed,
      RunEvents events,
      ExecutorProperties properties,
      Clock clock) {
    this.state = state;
    this.conflicts = conflicts;
    this.olderVersions = olderVersions;
    this.commands = commands;
    this.rclone = rclone;
    this.installed = installed;
    this.events = events;
    this.properties = properties;
    this.clock = clock;
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
    NeedsResync needed = state.state(plan.id()).needsResync();
    if (needed != null && !resyncAsked) {
      return refused(entry, needed);
    }
    boolean resync = resyncAsked;
    if (resyncAsked) {
      state.prepareEmpty(workdir);
    } else {
      Restored restored = state.restore(plan.id(), workdir);
      switch (restored) {
        case NONE -> resync = true;
        case MISSING -> {
          return needsResync(
              entry,
              ResyncNeeded.STATE_MISSING,
              "bisync's saved state of the plan is incomplete: the listing of a side is gone");
        }
        case CORRUPT -> {
          return needsResync(
              entry, ResyncNeeded.STATE_CORRUPT, "bisync's saved state of the plan cannot be read");
        }
        case RESTORED -> {}
      }
      if (resync && !dryRun) {
        Optional<AttemptResult> failed = createSides(entry, path1, path2, control);
        if (failed.isPresent()) {
          return failed.get();
        }
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
            path2.child(history));
    AttemptResult result =
        resync && !installed.version().isModern()
            ? resyncKeepingOlderVersions(entry, bisync, control, progress)
            : bisync(entry, bisync, control, progress);
    if (!dryRun && result.status() == RunStatus.SUCCEEDED && !resync) {
      result = resolveConflicts(bisync, result, history);
    }
    if (!dryRun && result.status() == RunStatus.SUCCEEDED) {
      state.save(plan.id(), workdir);
    } else if (!resync && isNeedsResync(result)) {
      RunError found = result.error();
      RunError refusal = needsResync(entry, causeOf(found.message()), found.message()).error();
      return new AttemptResult(
          RunStatus.FAILED,
          result.stats(),
          result.changes(),
          new RunError(refusal.reason(), refusal.message(), found.exitCode(), found.logTail()),
          false,
          result.rcloneTime());
    }
    return result;
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
   * A resync on rclone before 1.66: rounds of a preview that find the files both sides hold in
   * different versions and moving the older version of each into its side's history, until none is
   * left beyond what one preview lists; then the resync. A dry run stops after the first preview.
   */
  private AttemptResult resyncKeepingOlderVersions(
      LedgerEntry entry, Bisync bisync, RunControl control, ProgressReporter progress) {
    Bisync preview = withDryRun(bisync, true);
    OlderVersions.Older movedAway = OlderVersions.Older.NONE;
    while (true) {
      AttemptResult previewed = bisync(entry, preview, control, progress);
      if (previewed.status() != RunStatus.SUCCEEDED) {
        return previewed;
      }
      List<String> differing =
          previewed.changes().resync() == null
              ? List.of()
              : previewed.changes().resync().replacedOnPath2();
      OlderVersions.Found found = olderVersions.find(bisync, differing, bisync.workdir());
      if (found.failure() != null) {
        return failedStep(found.failure());
      }
      if (bisync.dryRun()) {
        return corrected(previewed, found.older());
      }
      String failure = olderVersions.moveAway(bisync, found.older());
      if (failure != null) {
        return failedStep(failure);
      }
      movedAway = movedAway.plus(found.older());
      if (previewed.stats().filesModified() <= differing.size()) {
        break;
      }
    }
    state.prepareEmpty(bisync.workdir());
    return corrected(bisync(entry, bisync, control, progress), movedAway);
  }

  /** A listing or a move before the resync failed: another attempt may succeed. */
  private static AttemptResult failedStep(String message) {
    return new AttemptResult(
        RunStatus.FAILED,
        null,
        null,
        new RunError("RCLONE_ERROR", message, null, null),
        true,
        null);
  }

  private static AttemptResult corrected(AttemptResult result, OlderVersions.Older older) {
    OlderVersions.Corrected corrected =
        OlderVersions.corrected(result.stats(), result.changes(), older);
    return new AttemptResult(
        result.status(),
        corrected.stats(),
        corrected.changes(),
        result.error(),
        result.retryable(),
        result.rcloneTime());
  }

  private static Bisync withDryRun(Bisync bisync, boolean dryRun) {
    return new Bisync(
        bisync.path1(),
        bisync.path2(),
        bisync.filterFile(),
        bisync.performance(),
        dryRun,
        bisync.workdir(),
        bisync.resync(),
        bisync.maxDeletePercent(),
        bisync.history1(),
        bisync.history2());
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

  private static boolean isNeedsResync(AttemptResult result) {
    return result.error() != null && Outcomes.BISYNC_NEEDS_RESYNC.equals(result.error().reason());
  }

  /** What bisync's critical error says of the state it found. */
  private static String causeOf(String message) {
    if (message == null) {
      return ResyncNeeded.CRITICAL_ABORT;
    }
    if (message.contains("cannot find prior Path1 or Path2 listings")) {
      return ResyncNeeded.STATE_MISSING;
    }
    if (message.contains("prior Path1 listing") || message.contains("prior Path2 listing")) {
      return ResyncNeeded.STATE_CORRUPT;
    }
    return ResyncNeeded.CRITICAL_ABORT;
  }

  /** Marks the plan NEEDS_RESYNC (unless it is already) and refuses the run. */
  private AttemptResult needsResync(LedgerEntry entry, String cause, String message) {
    NeedsResync mark =
        state.markNeedsResync(
            entry.planId(), new NeedsResync(cause, message, clock.instant(), entry.runId()));
    if (mark == null) {
      // The plan never saved a state: its next run is a resync anyway.
      return AttemptResult.refused(Outcomes.BISYNC_NEEDS_RESYNC, message);
    }
    return refused(entry, mark);
  }

  /**
   * Refuses a run of a plan that needs a resync. The run that found it (or, after an executor died,
   * the next attempt of that run) announces it.
   */
  private AttemptResult refused(LedgerEntry entry, NeedsResync mark) {
    if (entry.runId().equals(mark.runId())) {
      log.warn(
          "Plan {} needs a resync ({}): {}; its runs are refused until an operator resyncs it",
          entry.planId(),
          mark.cause(),
          mark.message());
      events.publish(
          new ResyncNeeded(
              entry.planId(), entry.runId(), mark.cause(), mark.message(), mark.since()));
    }
    return AttemptResult.refused(
        Outcomes.BISYNC_NEEDS_RESYNC,
        "the plan needs a resync since "
            + mark.since()
            + " ("
            + mark.cause()
            + ": "
            + mark.message()
            + "), so its runs are refused. Check that both sides hold what they should, preview"
            + " the resync (POST /api/v1/plans/"
            + entry.planId()
            + "/resync?preview=true), then run it (POST /api/v1/plans/"
            + entry.planId()
            + "/resync)");
  }
}
