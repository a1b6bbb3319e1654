package io.syncplan.executor.run;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.bisync.BisyncConflicts;
import io.syncplan.executor.bisync.BisyncStateStore;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.history.RevisionIndexer;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.rclone.Bisync;
import io.syncplan.executor.rclone.FilterRules;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.Transfer;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.executor.storage.RcloneLocation;
import io.syncplan.executor.storage.RemoteFactory;
import io.syncplan.executor.storage.UnreadableSecretException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One attempt of a run: the plan's locations and filters prepared, the mass-deletion guard for the
 * mirror modes, then rclone in the plan's mode. A plan value that cannot be used fails the attempt
 * at once, before rclone starts, and is not retried.
 */
@Component
class AttemptRunner {

  static final String INVALID_PLAN = "INVALID_PLAN";

  private final RemoteFactory remotes;
  private final RcloneCommandBuilder commands;
  private final ControlledRclone rclone;
  private final MassDeletionGuard guard;
  private final BisyncStateStore bisyncState;
  private final BisyncConflicts conflicts;
  private final CredentialCheck credentials;
  private final RestoreAttempt restores;
  private final VerifyAttempt verifications;
  private final RevisionIndexer indexer;
  private final ExecutorProperties properties;

  AttemptRunner(
      RemoteFactory remotes,
      RcloneCommandBuilder commands,
      ControlledRclone rclone,
      MassDeletionGuard guard,
      BisyncStateStore bisyncState,
      BisyncConflicts conflicts,
      CredentialCheck credentials,
      RestoreAttempt restores,
      VerifyAttempt verifications,
      RevisionIndexer indexer,
      ExecutorProperties properties) {
    this.remotes = remotes;
    this.commands = commands;
    this.rclone = rclone;
    this.guard = guard;
    this.bisyncState = bisyncState;
    this.conflicts = conflicts;
    this.credentials = credentials;
    this.restores = restores;
    this.verifications = verifications;
    this.indexer = indexer;
    this.properties = properties;
  }

  AttemptResult run(LedgerEntry entry, RunControl control, ProgressReporter progress) {
    switch (entry.command().kind()) {
      case RESTORE -> {
        return restores.run(entry, control, progress);
      }
      case VERIFY -> {
        return verifications.run(entry, control, progress);
      }
      case SYNC -> {}
    }
    PlanSnapshot plan = entry.command().plan();
    try (RunWorkspace workspace =
        RunWorkspace.create(properties.workDir(), entry.runId(), entry.attempt())) {
      RcloneLocation source = remotes.source(plan.source());
      RcloneLocation destination = remotes.destination(plan.destination(), plan.encryption());
      Path filterFile = workspace.filterFile(FilterRules.of(plan.filters()));
      return plan.mode() == SyncMode.BISYNC
          ? bisync(entry, source, destination, filterFile, control, progress)
          : oneWay(entry, source, destination, filterFile, control, progress);
    } catch (UnsafeArgumentException e) {
      return AttemptResult.refused(INVALID_PLAN, e.getMessage());
    } catch (UnreadableSecretException e) {
      return AttemptResult.refused("SECRET_UNREADABLE", e.getMessage());
    }
  }

  private AttemptResult oneWay(
      LedgerEntry entry,
      RcloneLocation source,
      RcloneLocation destination,
      Path filterFile,
      RunControl control,
      ProgressReporter progress) {
    PlanSnapshot plan = entry.command().plan();
    boolean dryRun = entry.command().dryRun();
    MassDeletionGuard.Verdict verdict =
        dryRun
            ? MassDeletionGuard.Verdict.pass(null, Duration.ZERO)
            : guard.check(plan, source, destination, filterFile, control);
    if (verdict.abort() != null) {
      return credentials.explain(verdict.abort(), destination, plan.mode(), control);
    }
    RcloneLocation backupDir =
        plan.mode() == SyncMode.MIRROR_WITH_REVISIONS
            ? destination.child(
                RevisionFolders.ROOT + "/" + RevisionFolders.name(entry.startedAt()))
            : null;
    Transfer transfer =
        new Transfer(
            plan.mode(),
            source,
            destination,
            filterFile,
            plan.performance(),
            dryRun,
            backupDir,
            verdict.maxDelete());
    AttemptResult result =
        rclone
            .run(commands.transfer(transfer), control, false, progress::report)
            .map(done -> Outcomes.of(done.report(), plan.mode(), control.stopReason()))
            .map(attempt -> credentials.explain(attempt, destination, plan.mode(), control))
            .orElseGet(AttemptResult::cancelledBeforeStart)
            .plusRcloneTime(verdict.rcloneTime());
    if (backupDir != null) {
      indexHistory(entry, result);
    }
    return result;
  }

  /**
   * Tells plan-service what the run's revision folder holds, when the run moved files into it (or
   * may have, in an earlier attempt of the same run, which uses the same folder).
   */
  private void indexHistory(LedgerEntry entry, AttemptResult result) {
    if (entry.command().dryRun()) {
      return;
    }
    if (result.stats().filesMovedToRevisions() > 0 || entry.attempt() > 1) {
      indexer.indexRevision(
          entry.command().plan(), RevisionFolders.name(entry.startedAt()), entry.runId());
    }
  }

  private AttemptResult bisync(
      LedgerEntry entry,
      RcloneLocation path1,
      RcloneLocation path2,
      Path filterFile,
      RunControl control,
      ProgressReporter progress) {
    PlanSnapshot plan = entry.command().plan();
    boolean dryRun = entry.command().dryRun();
    Path workdir =
        properties
            .workDir()
            .resolve("bisync")
            .resolve(plan.id().replaceAll("[^A-Za-z0-9._-]", "_"));
    boolean resync = !bisyncState.restore(plan.id(), workdir);
    if (resync && !dryRun) {
      // bisync needs both sides to exist. Only the first run creates a missing one: later, a side
      // that vanished is more likely an unmounted disk than an empty folder.
      for (RcloneLocation side : List.of(path1, path2)) {
        Optional<ControlledRclone.Finished> mkdir =
            rclone.run(commands.mkdir(side), control, false, ignored -> {});
        if (mkdir.isEmpty()) {
          return AttemptResult.cancelledBeforeStart();
        }
        if (!mkdir.get().report().succeeded()) {
          return Outcomes.of(mkdir.get().report(), plan.mode(), control.stopReason());
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
    Optional<ControlledRclone.Finished> done =
        rclone.run(commands.bisync(bisync), control, false, progress::report);
    if (done.isEmpty()) {
      return AttemptResult.cancelledBeforeStart();
    }
    AttemptResult result = Outcomes.of(done.get().report(), plan.mode(), control.stopReason());
    if (!dryRun && result.status() == RunStatus.SUCCEEDED) {
      result = resolveConflicts(bisync, result, history);
      indexHistory(entry, result);
    }
    if (!dryRun) {
      keepState(plan.id(), workdir, result);
    }
    return result;
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

  /**
   * Keeps the listings of a successful run. After a critical abort the state is given up, so that
   * the next run rebuilds it with --resync; after any other failure the last good state stays, so a
   * side that came back empty (an unmounted disk) is refused again rather than resynced.
   */
  private void keepState(String planId, Path workdir, AttemptResult result) {
    if (result.status() == RunStatus.SUCCEEDED) {
      bisyncState.save(planId, workdir);
    } else if (result.error() != null
        && Outcomes.BISYNC_NEEDS_RESYNC.equals(result.error().reason())) {
      bisyncState.forget(planId);
    }
  }
}
