package io.syncplan.executor.run;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.history.RevisionIndexer;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.rclone.FilterRules;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.Transfer;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.executor.storage.RemoteFactory;
import io.syncplan.executor.storage.UnreadableSecretException;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * One attempt of a run: the plan's locations and filters prepared, the mass-deletion guard for the
 * mirror modes, then rclone in the plan's mode (BISYNC in {@link BisyncAttempt}). A plan value that
 * cannot be used fails the attempt at once, before rclone starts, and is not retried.
 */
@Component
class AttemptRunner {

  static final String INVALID_PLAN = "INVALID_PLAN";

  private final RemoteFactory remotes;
  private final RcloneCommandBuilder commands;
  private final ControlledRclone rclone;
  private final MassDeletionGuard guard;
  private final BisyncAttempt bisync;
  private final ChangeListPublisher changeLists;
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
      BisyncAttempt bisync,
      ChangeListPublisher changeLists,
      CredentialCheck credentials,
      RestoreAttempt restores,
      VerifyAttempt verifications,
      RevisionIndexer indexer,
      ExecutorProperties properties) {
    this.remotes = remotes;
    this.commands = commands;
    this.rclone = rclone;
    this.guard = guard;
    this.bisync = bisync;
    this.changeLists = changeLists;
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
      remotes.check(plan);
      RcloneLocation source = remotes.source(plan.source());
      RcloneLocation destination = remotes.destination(plan);
      Path filterFile = workspace.filterFile(FilterRules.of(plan.filters()));
      if (plan.mode() == SyncMode.BISYNC) {
        return indexHistory(
            entry, bisync.run(entry, source, destination, filterFile, control, progress));
      }
      if (entry.command().trigger() == RunTrigger.RESYNC) {
        return AttemptResult.refused(
            INVALID_PLAN, "only a BISYNC plan has a state to resync; this one is " + plan.mode());
      }
      return oneWay(
          entry, source, destination, filterFile, workspace.reportsFolder(), control, progress);
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
      Path reports,
      RunControl control,
      ProgressReporter progress) {
    PlanSnapshot plan = entry.command().plan();
    boolean dryRun = entry.command().dryRun();
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
            null,
            dryRun,
            reports);
    ChangeListPublisher.Parts parts = new ChangeListPublisher.Parts();
    AttemptResult result =
        guard.run(plan, transfer, control, pass -> transfer(entry, pass, control, progress, parts));
    return backupDir == null
        ? result
        : indexHistory(entry, result, result.status() != RunStatus.SUCCEEDED);
  }

  /**
   * Tells plan-service what the run's revision folder holds, when the run moved files into it (or
   * may have, in an earlier attempt of the same run, which uses the same folder).
   */
  private AttemptResult indexHistory(LedgerEntry entry, AttemptResult result) {
    return indexHistory(entry, result, false);
  }

  /**
   * @param unlisted the run may have moved files that it does not list: a one-way run that did not
   *     succeed, whose lists may come from rclone's reports, which a run cut short leaves
   *     unfinished
   */
  private AttemptResult indexHistory(LedgerEntry entry, AttemptResult result, boolean unlisted) {
    if (entry.command().dryRun()) {
      return result;
    }
    if (result.stats().filesMovedToRevisions() > 0 || entry.attempt() > 1 || unlisted) {
      indexer.indexRevision(
          entry.command().plan(), RevisionFolders.name(entry.startedAt()), entry.runId());
    }
    return result;
  }

  private AttemptResult transfer(
      LedgerEntry entry,
      Transfer transfer,
      RunControl control,
      ProgressReporter progress,
      ChangeListPublisher.Parts parts) {
    return rclone
        .run(commands.transfer(transfer), control, false, progress::report)
        .map(
            done ->
                PassChanges.of(
                    Outcomes.of(done.report(), transfer.mode(), control.stopReason()),
                    done.report(),
                    transfer))
        .map(
            result -> {
              changeLists.publish(entry, transfer, result, parts);
              return result;
            })
        .map(
            result -> credentials.explain(result, transfer.destination(), transfer.mode(), control))
        .orElseGet(AttemptResult::cancelledBeforeStart);
  }
}
