package io.syncplan.executor.run;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.revision.RevisionFile;
import io.syncplan.contracts.run.RestoreRules;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.history.FileListing;
import io.syncplan.executor.history.ListedFile;
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
import io.syncplan.executor.rclone.RcloneLogParser;
import io.syncplan.executor.rclone.RcloneProgress;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.executor.storage.UnreadableSecretException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One attempt of a RESTORE run: the versions to bring back are chosen from listings of the
 * destination and its history ({@link RestoreChoice}), compared with what the target holds ({@link
 * TargetCheck}), then copied with one {@code rclone copy} per folder they come from, naming exactly
 * the files to copy. Nothing is deleted: a file the target has is skipped unless the restore may
 * overwrite, and an overwritten file first moves into the target's history ({@code
 * .syncplan/revisions/<run start>}, which for the plan's destination is the plan's own history).
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
    RestoreSpec restore = entry.command().restore();
    try (RunWorkspace workspace =
        RunWorkspace.create(properties.workDir(), entry.runId(), entry.attempt())) {
      Attempt attempt = new Attempt(entry, plan, restore, workspace, control, progress);
      return attempt.run();
    } catch (UnsafeArgumentException e) {
      return AttemptResult.refused(AttemptRunner.INVALID_PLAN, e.getMessage());
    } catch (UnreadableSecretException e) {
      return AttemptResult.refused("SECRET_UNREADABLE", e.getMessage());
    } catch (Stopped stopped) {
      return stopped.result;
    }
  }

  /** A step that ended the attempt early, with how it ended. */
  private static final class Stopped extends RuntimeException {
    private final transient AttemptResult result;

    Stopped(AttemptResult result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  private final class Attempt {
    private final LedgerEntry entry;
    private final PlanSnapshot plan;
    private final RestoreSpec restore;
    private final String path;
    private final RunWorkspace workspace;
    private final RunControl control;
    private final ProgressReporter progress;
    private Duration rcloneTime = Duration.ZERO;
    private Duration listingTime = Duration.ZERO;
    private int files;

    /** Versions whose path holds a line break, which no file list can name: skipped, logged. */
    private final List<Version> unnamable = new ArrayList<>();

    Attempt(
        LedgerEntry entry,
        PlanSnapshot plan,
        RestoreSpec restore,
        RunWorkspace workspace,
        RunControl control,
        ProgressReporter progress) {
      this.entry = entry;
      this.plan = plan;
      this.restore = restore;
      this.path = RestoreRules.normalize(restore.path());
      this.workspace = workspace;
      this.control = control;
      this.progress = progress;
    }

    AttemptResult run() {
      locations.check(plan);
      RcloneLocation target = locations.target(plan, restore);
      List<Version> versions = choose();
      if (versions.isEmpty()) {
        return AttemptResult.refused(
            NOTHING_TO_RESTORE,
            "nothing to restore at '"
                + path
                + "'"
                + (restore.revision() != null
                    ? " in revision " + restore.revision()
                    : restore.asOf() != null ? " as of " + restore.asOf() : ""));
      }
      TargetCheck check = new TargetCheck(versions, restore.overwrite(), restore.overwriteNewer());
      list(target, PathFilters.below(path), check::atTarget);
      Map<Outcome, List<Version>> outcomes = check.outcomes();
      if (entry.command().dryRun()) {
        return result(RunStatus.SUCCEEDED, outcomes, 0, null, false);
      }
      return copy(target, outcomes);
    }

    /** The versions to bring back, from the listings the restore's kind needs. */
    private List<Version> choose() {
      Map<RevisionFile.Side, RcloneLocation> histories = locations.histories(plan);
      if (restore.revision() != null) {
        RestoreChoice choice = new RestoreChoice(null);
        boolean found = false;
        for (Map.Entry<RevisionFile.Side, RcloneLocation> history : histories.entrySet()) {
          found |=
              list(
                  history.getValue().child(restore.revision()),
                  PathFilters.below(path),
                  file ->
                      choice.offerKept(
                          file,
                          restore.revision(),
                          RevisionFolders.parse(restore.revision()).orElseThrow(),
                          history.getKey()));
        }
        if (!found) {
          throw new Stopped(
              AttemptResult.refused(
                  REVISION_NOT_FOUND, "the plan's history has no revision " + restore.revision()));
        }
        return choice.versions();
      }
      RestoreChoice choice = new RestoreChoice(restore.asOf());
      if (restore.asOf() != null && keepsHistory()) {
        for (Map.Entry<RevisionFile.Side, RcloneLocation> history : histories.entrySet()) {
          list(
              history.getValue(),
              PathFilters.inEveryRevision(path),
              file -> offerKept(choice, file, history.getKey()));
        }
      }
      list(locations.destination(plan), PathFilters.below(path), choice::offerCurrent);
      return choice.versions();
    }

    private boolean keepsHistory() {
      return plan.mode() == SyncMode.MIRROR_WITH_REVISIONS || plan.mode() == SyncMode.BISYNC;
    }

    /** A file listed in a folder of revision folders: {@code <revision>/<path>}. */
    private static void offerKept(RestoreChoice choice, ListedFile file, RevisionFile.Side side) {
      int slash = file.path().indexOf('/');
      if (slash <= 0) {
        return;
      }
      String revision = file.path().substring(0, slash);
      RevisionFolders.parse(revision)
          .ifPresent(
              madeAt ->
                  choice.offerKept(
                      new ListedFile(
                          file.path().substring(slash + 1), file.size(), file.modifiedAt()),
                      revision,
                      madeAt,
                      side));
    }

    /**
     * Lists the files below a location that the filter rules let through; false when the location
     * does not exist.
     */
    private boolean list(RcloneLocation location, List<String> rules, Consumer<ListedFile> each) {
      int number = files++;
      Path filter = write("listing-filter-" + number + ".txt", rules);
      Path output = workspace.file("listing-" + number + ".json");
      ControlledRclone.Finished finished =
          rclone
              .run(commands.listFiles(location, filter), control, output, ignored -> {})
              .orElseThrow(() -> new Stopped(AttemptResult.cancelledBeforeStart()));
      rcloneTime = rcloneTime.plus(finished.report().elapsed());
      listingTime = listingTime.plus(finished.report().elapsed());
      if (control.stopReason() != null) {
        throw new Stopped(
            withoutChanges(Outcomes.of(finished.report(), plan.mode(), control.stopReason())));
      }
      if (finished.report().directoryNotFound()) {
        return false;
      }
      if (!finished.report().succeeded()) {
        throw new Stopped(
            withoutChanges(Outcomes.of(finished.report(), plan.mode(), control.stopReason())));
      }
      FileListing.read(output, "", each);
      return true;
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
      Progress total = new Progress(byOrigin.values(), progress);
      long bytes = 0;
      for (Map.Entry<Origin, List<Version>> group : byOrigin.entrySet()) {
        Path fileList =
            write(
                "files-" + files++ + ".txt",
                group.getValue().stream().map(Version::path).sorted().toList());
        ControlledRclone.Finished finished =
            rclone
                .run(
                    commands.copyFiles(
                        from(group.getKey()),
                        target,
                        fileList,
                        restore.overwrite(),
                        !restore.overwriteNewer(),
                        replacedInto,
                        plan.performance()),
                    control,
                    false,
                    total::report)
                .orElseThrow(() -> new Stopped(AttemptResult.cancelledBeforeStart()));
        rcloneTime = rcloneTime.plus(finished.report().elapsed());
        bytes += finished.report().stats().bytesTransferred();
        if (!finished.report().succeeded() || control.stopReason() != null) {
          AttemptResult failed = Outcomes.of(finished.report(), plan.mode(), control.stopReason());
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
          listingTime.toMillis(),
          rcloneTime.minus(listingTime).toMillis());
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
      List<String> added = paths(outcomes.get(Outcome.NEW));
      List<String> replaced = paths(outcomes.get(Outcome.REPLACED));
      List<Version> skippedVersions = skipped(outcomes);
      skippedVersions.addAll(unnamable);
      List<String> skipped = paths(skippedVersions);
      long all = added.size() + replaced.size() * 2L + skipped.size();
      List<String> addedListed = capped(added);
      List<String> replacedListed = capped(replaced);
      List<String> skippedListed = capped(skipped);
      long listed = addedListed.size() + replacedListed.size() * 2L + skippedListed.size();
      RunStats stats =
          new RunStats(
              added.size(),
              replaced.size(),
              0,
              restore.overwrite() ? replaced.size() : 0,
              bytes,
              added.size() + replaced.size() + skipped.size(),
              0,
              0,
              (long) skipped.size(),
              0L,
              0L,
              0L,
              0L);
      RunChanges changes =
          RunChanges.restored(
              addedListed,
              replacedListed,
              restore.overwrite() ? replacedListed : List.of(),
              skippedListed,
              all - listed);
      return new AttemptResult(status, stats, changes, error, retryable, rcloneTime);
    }

    private AttemptResult withoutChanges(AttemptResult failed) {
      return new AttemptResult(
          failed.status(), null, null, failed.error(), failed.retryable(), rcloneTime);
    }

    private Path write(String name, List<String> lines) {
      Path file = workspace.file(name);
      try {
        return Files.write(file, lines);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }
  }

  private static List<Version> skipped(Map<Outcome, List<Version>> outcomes) {
    List<Version> skipped = new ArrayList<>(outcomes.get(Outcome.EXISTS));
    skipped.addAll(outcomes.get(Outcome.SAME));
    skipped.addAll(outcomes.get(Outcome.NEWER));
    return skipped;
  }

  private static List<String> paths(List<Version> versions) {
    return versions.stream().map(Version::path).sorted(Comparator.naturalOrder()).toList();
  }

  private static List<String> capped(List<String> paths) {
    return paths.size() <= RcloneLogParser.MAX_LISTED_PATHS
        ? paths
        : paths.subList(0, RcloneLogParser.MAX_LISTED_PATHS);
  }

  /** A restore's progress over all its copies, as one run's. */
  private static final class Progress {
    private final long totalBytes;
    private final long totalFiles;
    private long bytesBefore;
    private long filesBefore;
    private final ProgressReporter reporter;

    Progress(Collection<List<Version>> groups, ProgressReporter reporter) {
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
}
