package io.syncplan.executor.run;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.revision.RevisionFile;
import io.syncplan.contracts.run.RestoreRules;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.history.PathFilters;
import io.syncplan.executor.rclone.ChangeReports;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneProgress;
import io.syncplan.executor.rclone.RcloneReport;
import io.syncplan.executor.run.RestoreResults.Restored;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common restore made fast: one revision folder (or a path in it) into a target that is missing
 * or empty, copied whole with one {@code rclone copy --ignore-existing}, without listing the
 * revision or the target first. A file the target gained meanwhile is left alone and reported
 * skipped, like any restore without overwrite. What was restored comes from rclone itself: its
 * change reports on 1.66 and later, its log (a line per file copied) before.
 */
final class RevisionFolderRestore {

  private static final Logger log = LoggerFactory.getLogger(RevisionFolderRestore.class);

  private RevisionFolderRestore() {}

  /**
   * True when the restore may copy a revision folder whole, if its target is empty: one revision of
   * a plan whose only history is its destination's, nothing overwritten, no dry run (which lists
   * what it would do from the listings), into a target other than the plan's own sides.
   */
  static boolean fits(RunRequested command) {
    RestoreSpec restore = command.restore();
    return restore.revision() != null
        && !restore.overwrite()
        && !command.dryRun()
        && command.plan().mode() == SyncMode.MIRROR_WITH_REVISIONS
        && restore.target().place() == RestoreTarget.Place.ELSEWHERE;
  }

  /**
   * True when the target is missing or holds nothing but a history folder, read from its top level
   * only: a local folder by the executor itself, which costs no rclone process; any other with
   * rclone ({@link RestoreRclone#isEmpty}).
   */
  static boolean targetIsEmpty(RestoreSpec restore, RcloneLocation target, RestoreRclone steps) {
    Endpoint endpoint = restore.target().endpoint();
    if (endpoint == null || !endpoint.isLocal()) {
      return steps.isEmpty(target);
    }
    Path folder = Path.of(target.location());
    if (!Files.isDirectory(folder)) {
      return !Files.exists(folder, LinkOption.NOFOLLOW_LINKS);
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (!entry.getFileName().toString().equals(RestoreRules.HISTORY_FOLDER)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      // the listings of the other way meet the same trouble, and report it
      return false;
    }
  }

  /**
   * Copies the revision into the target.
   *
   * @param histories the plan's history folders, through its encryption like every read of them
   */
  static AttemptResult run(
      String runId,
      RunRequested command,
      Map<RevisionFile.Side, RcloneLocation> histories,
      RcloneLocation target,
      RestoreRclone steps,
      Consumer<RcloneProgress> progress) {
    PlanSnapshot plan = command.plan();
    RestoreSpec restore = command.restore();
    String path = RestoreRules.normalize(restore.path());
    RcloneLocation revision =
        histories.get(RevisionFile.Side.DESTINATION).child(restore.revision());
    Path reports = steps.reportsFolder();
    // Before rclone 1.66 (no change reports) a local target is read for the restored names.
    Path namedByTarget =
        !steps.commands().writesChangeReports() && LocalTargetFiles.readable(restore)
            ? Path.of(target.location())
            : null;
    RcloneReport report =
        steps
            .copy(
                steps
                    .commands()
                    .copyMissing(
                        revision,
                        target,
                        steps.write("copy-filter", PathFilters.below(path)),
                        reports,
                        namedByTarget != null,
                        plan.performance()),
                progress)
            .report();
    RunControl.StopReason stopped = steps.stopReason();
    if (stopped == null && report.directoryNotFound()) {
      return RestoreAttempt.revisionNotFound(restore);
    }
    AttemptResult outcome = Outcomes.of(report, plan.mode(), stopped);
    Named named = restored(report, reports, namedByTarget, outcome);
    Restored restored = named.restored();
    if (outcome.status() == RunStatus.SUCCEEDED
        && restored.added().count() + restored.skipped().count() == 0) {
      return RestoreAttempt.nothingToRestore(path, restore);
    }
    log.info(
        "Restore {}: revision {} copied whole: {} new, {} skipped (named by {}); rclone looked at"
            + " the target for {} ms and copied for {} ms",
        runId,
        restore.revision(),
        restored.added().count(),
        restored.skipped().count(),
        named.by(),
        steps.listingTime().toMillis(),
        steps.copyingTime().toMillis());
    return RestoreResults.of(
        outcome.status(),
        restored,
        false,
        report.stats().bytesTransferred(),
        outcome.error(),
        outcome.retryable(),
        steps.rcloneTime());
  }

  /** What a copy restored, and where the names of its files came from. */
  private record Named(Restored restored, String by) {}

  /**
   * What the copy wrote and left alone, as far as rclone says (its reports or its log), or as the
   * local target it copied into shows when {@code namedByTarget} is that target.
   */
  private static Named restored(
      RcloneReport report, Path reports, Path namedByTarget, AttemptResult outcome) {
    FirstPaths added = new FirstPaths();
    FirstPaths skipped = new FirstPaths();
    String by;
    if (ChangeReports.written(reports)) {
      if (outcome.status() == RunStatus.SUCCEEDED || PassChanges.ranToTheEnd(outcome, report)) {
        ChangeReports.restored(reports, added::add, skipped::add);
        by = "rclone's change reports";
      } else {
        // Cut short: the reports say what differed, not what was done by then.
        added.addUnnamed(report.filesTransferred());
        by = "nothing: the copy was cut short, counted";
      }
    } else if (namedByTarget != null) {
      long leftAlone = report.stats().filesChecked();
      Optional<FirstPaths> found =
          outcome.status() == RunStatus.SUCCEEDED
              ? LocalTargetFiles.restored(namedByTarget, report.filesTransferred(), leftAlone)
              : Optional.empty();
      if (found.isPresent()) {
        added = found.get();
        by = "the target folder";
      } else {
        added.addUnnamed(report.filesTransferred());
        by =
            outcome.status() == RunStatus.SUCCEEDED
                ? "nothing: the target holds what the copy did not write, counted"
                : "nothing: the copy did not complete, counted";
      }
      skipped.addUnnamed(leftAlone);
    } else {
      // rclone before 1.66: a line per file copied, whether or not the copy completed; a file left
      // alone is only counted (rclone checked it against the target's).
      report.changes().added().forEach(added::add);
      added.addUnnamed(report.stats().filesAdded() - report.changes().added().size());
      skipped.addUnnamed(report.stats().filesChecked());
      by = "rclone's log";
    }
    return new Named(new Restored(added, new FirstPaths(), skipped), by);
  }
}
