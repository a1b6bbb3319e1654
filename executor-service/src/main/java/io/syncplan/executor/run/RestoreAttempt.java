package io.syncplan.executor.run;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RestoreRules;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.history.PathFilters;
import io.syncplan.executor.history.PlanLocations;
import io.syncplan.executor.history.RestoreChoice;
import io.syncplan.executor.history.RestoreChoice.Origin;
import io.syncplan.executor.history.RestoreChoice.Version;
import io.syncplan.executor.history.RevisionIndexer;
import io.syncplan.executor.history.TargetCheck;
import io.syncplan.executor.history.TargetCheck.Outcome;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.rclone.HistoryCommands;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneReport;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.executor.run.RestoreResults.Restored;
import io.syncplan.executor.storage.UnreadableSecretException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One attempt of a RESTORE run. A revision restored into a missing or empty folder is copied whole
 * ({@link RevisionFolderRestore}). Every other restore chooses the versions to bring back from
 * listings of the destination and its history ({@link RestoreChoice}), compares them with what the
 * target holds ({@link TargetCheck}), then copies them with one {@code rclone copy} per folder they
 * come from, naming exactly the files to copy. Nothing is deleted: a file the target has is skipped
 * unless the restore may overwrite, and an overwritten file first moves into the target's history
 * ({@code .syncplan/revisions/<run start>}, which for the plan's destination is the plan's own
 * history).
 */
@Component
class RestoreAttempt {

  private static final Logger log = LoggerFactory.getLogger(RestoreAttempt.class);

  static final String NOTHING_TO_RESTORE = "NOTHING_TO_RESTORE";
  static final String REVISION_NOT_FOUND = "REVISION_NOT_FOUND";

  private final PlanLocations locations;
  private final HistoryCommands commands;
  private final ControlledRclone rclone;
  private final RevisionIndexer indexer;
  private final ExecutorProperties properties;

  RestoreAttempt(
      PlanLocations locations,
      HistoryCommands commands,
      ControlledRclone rclone,
      RevisionIndexer indexer,
      ExecutorProperties properties) {
    this.locations = locations;
    this.commands = commands;
    this.rclone = rclone;
    this.indexer = indexer;
    this.properties = properties;
  }

  AttemptResult run(LedgerEntry entry, RunControl control, ProgressReporter progress) {
    PlanSnapshot plan = entry.command().plan();
    try (RunWorkspace workspace =
        RunWorkspace.create(properties.workDir(), entry.runId(), entry.attempt())) {
      RestoreRclone steps = new RestoreRclone(rclone, commands, workspace, control, plan.mode());
      locations.check(plan);
      RcloneLocation target = locations.target(plan, entry.command().restore());
      if (RevisionFolderRestore.fits(entry.command())
          && RevisionFolderRestore.targetIsEmpty(entry.command().restore(), target, steps)) {
        return RevisionFolderRestore.run(
            entry.runId(),
            entry.command(),
            locations.histories(plan),
            target,
            steps,
            progress::report);
      }
      return new Attempt(entry, steps, progress).run(target);
    } catch (UnsafeArgumentException e) {
      return AttemptResult.refused(AttemptRunner.INVALID_PLAN, e.getMessage());
    } catch (UnreadableSecretException e) {
      return AttemptResult.refused("SECRET_UNREADABLE", e.getMessage());
    } catch (RestoreRclone.Stopped stopped) {
      return stopped.result();
    }
  }

  /** A restore that found nothing at its path: it fails and writes nothing. */
  static AttemptResult nothingToRestore(String path, RestoreSpec restore) {
    return AttemptResult.refused(
        NOTHING_TO_RESTORE,
        "nothing to restore at '"
            + path
            + "'"
            + (restore.revision() != null
                ? " in revision " + restore.revision()
                : restore.asOf() != null ? " as of " + restore.asOf() : ""));
  }

  static AttemptResult revisionNotFound(RestoreSpec restore) {
    return AttemptResult.refused(
        REVISION_NOT_FOUND, "the plan's history has no revision " + restore.revision());
  }

  private final class Attempt {
    private final LedgerEntry entry;
    private final PlanSnapshot plan;
    private final RestoreSpec restore;
    private final String path;
    private final RestoreRclone steps;
    private final ProgressReporter progress;

    /** Versions whose path holds a line break, which no file list can name: skipped, logged. */
    private final List<Version> unnamable = new ArrayList<>();

    Attempt(LedgerEntry entry, RestoreRclone steps, ProgressReporter progress) {
      this.entry = entry;
      this.plan = entry.command().plan();
      this.restore = entry.command().restore();
      this.path = RestoreRules.normalize(restore.path());
      this.steps = steps;
      this.progress = progress;
    }

    AttemptResult run(RcloneLocation target) {
      List<Version> versions = RestoreVersions.choose(plan, restore, path, locations, steps);
      if (versions.isEmpty()) {
        return nothingToRestore(path, restore);
      }
      TargetCheck check = new TargetCheck(versions, restore.overwrite(), restore.overwriteNewer());
      steps.list(target, PathFilters.below(path), check::atTarget);
      Map<Outcome, List<Version>> outcomes = check.outcomes();
      if (entry.command().dryRun()) {
        return result(RunStatus.SUCCEEDED, outcomes, 0, null, false);
      }
      return copy(target, outcomes);
    }

    /** Copies the versions to write, one rclone per folder they come from. */
    private AttemptResult copy(RcloneLocation target, Map<Outcome, List<Version>> outcomes) {
      Map<Origin, List<Version>> byOrigin = new LinkedHashMap<>();
      for (Outcome outcome : List.of(Outcome.NEW, Outcome.REPLACED)) {
        for (Version version : outcomes.get(outcome)) {
          if (version.path().indexOf('\n') >= 0 || version.path().indexOf('\r') >= 0) {
            unnamable.add(version);
          } else {
            byOrigin.computeIfAbsent(version.origin(), origin -> new ArrayList<>()).add(version);
          }
        }
        outcomes.get(outcome).removeAll(unnamable);
      }
      if (!unnamable.isEmpty()) {
        log.warn(
            "Restore {}: {} file(s) skipped, their names hold a line break",
            entry.runId(),
            unnamable.size());
      }
      RcloneLocation replacedInto =
          restore.overwrite()
              ? target.child(RevisionFolders.ROOT + "/" + RevisionFolders.name(entry.startedAt()))
              : null;
      RestoreProgress total = new RestoreProgress(byOrigin.values(), progress);
      long bytes = 0;
      for (Map.Entry<Origin, List<Version>> group : byOrigin.entrySet()) {
        Path fileList =
            steps.write("files", group.getValue().stream().map(Version::path).sorted().toList());
        RcloneReport report =
            steps
                .copy(
                    commands.copyFiles(
                        from(group.getKey()),
                        target,
                        fileList,
                        restore.overwrite(),
                        !restore.overwriteNewer(),
                        replacedInto,
                        plan.performance()),
                    total::report)
                .report();
        bytes += report.stats().bytesTransferred();
        if (!report.succeeded() || steps.stopReason() != null) {
          AttemptResult failed = Outcomes.of(report, plan.mode(), steps.stopReason());
          return result(failed.status(), outcomes, bytes, failed.error(), failed.retryable());
        }
        total.groupDone(group.getValue());
      }
      if (!outcomes.get(Outcome.REPLACED).isEmpty() && historyOfThePlan()) {
        indexer.indexRevision(plan, RevisionFolders.name(entry.startedAt()), entry.runId());
      }
      log.info(
          "Restore {}: {} new, {} replaced, {} skipped (exists {}, same {}, newer {}); rclone"
              + " listed for {} ms and copied for {} ms",
          entry.runId(),
          outcomes.get(Outcome.NEW).size(),
          outcomes.get(Outcome.REPLACED).size(),
          skipped(outcomes).size(),
          outcomes.get(Outcome.EXISTS).size(),
          outcomes.get(Outcome.SAME).size(),
          outcomes.get(Outcome.NEWER).size(),
          steps.listingTime().toMillis(),
          steps.copyingTime().toMillis());
      return result(RunStatus.SUCCEEDED, outcomes, bytes, null, false);
    }

    /** True when the target is where the plan keeps its history, so its new revision is indexed. */
    private boolean historyOfThePlan() {
      RestoreTarget.Place place = restore.target().place();
      return place == RestoreTarget.Place.DESTINATION
          || (place == RestoreTarget.Place.SOURCE && plan.mode() == SyncMode.BISYNC);
    }

    private RcloneLocation from(Origin origin) {
      if (origin.isCurrent()) {
        return locations.destination(plan);
      }
      return locations.histories(plan).get(origin.side()).child(origin.revision());
    }

    private AttemptResult result(
        RunStatus status,
        Map<Outcome, List<Version>> outcomes,
        long bytes,
        RunError error,
        boolean retryable) {
      List<Version> skipped = skipped(outcomes);
      skipped.addAll(unnamable);
      Restored restored =
          new Restored(
              firstPaths(outcomes.get(Outcome.NEW)),
              firstPaths(outcomes.get(Outcome.REPLACED)),
              firstPaths(skipped));
      return RestoreResults.of(
          status, restored, restore.overwrite(), bytes, error, retryable, steps.rcloneTime());
    }
  }

  private static List<Version> skipped(Map<Outcome, List<Version>> outcomes) {
    List<Version> skipped = new ArrayList<>(outcomes.get(Outcome.EXISTS));
    skipped.addAll(outcomes.get(Outcome.SAME));
    skipped.addAll(outcomes.get(Outcome.NEWER));
    return skipped;
  }

  private static FirstPaths firstPaths(List<Version> versions) {
    FirstPaths paths = new FirstPaths();
    versions.forEach(version -> paths.add(version.path()));
    return paths;
  }
}
