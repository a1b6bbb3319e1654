package io.syncplan.executor.rclone;

import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunChangeList;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change reports of {@code sync} and {@code copy} of rclone 1.66 and later: the parts of {@code
 * --combined} that name changes ({@code --missing-on-dst}: added, {@code --missing-on-src}: deleted
 * by a sync, {@code --differ}: replaced), each a file of paths, without a line for every unchanged
 * file. rclone writes them from its comparison of the two sides, so for a run that completed they
 * are exactly what changed, however its log interleaves; the log is read as before, and where the
 * two disagree the reports win and the executor says so. A run that did not complete keeps the
 * log's lists: the reports say what differed, not what was done. bisync has no reports.
 */
public final class ChangeReports {

  private static final String ADDED = "missing-on-dst.txt";
  private static final String DELETED = "missing-on-src.txt";
  private static final String REPLACED = "differ.txt";
  private static final String FAILED = "error.txt";
  private static final Logger log = LoggerFactory.getLogger(ChangeReports.class);

  /** Files both sides hold: with {@code --ignore-existing}, those a restore left alone. */
  private static final String MATCHED = "match.txt";

  private ChangeReports() {}

  /** The flags that have rclone write the reports of {@code mode} into {@code folder}. */
  static List<String> flags(Path folder, SyncMode mode) {
    List<String> flags = new ArrayList<>();
    flags.add("--missing-on-dst");
    flags.add(folder.resolve(ADDED).toString());
    flags.add("--differ");
    flags.add(folder.resolve(REPLACED).toString());
    // The files rclone failed on, and those it did not delete because of an error: what a pass
    // whose lists come from the reports alone did not do.
    flags.add("--error");
    flags.add(folder.resolve(FAILED).toString());
    if (mode != SyncMode.COPY) {
      flags.add("--missing-on-src");
      flags.add(folder.resolve(DELETED).toString());
    }
    return flags;
  }

  /**
   * The flags of a {@code copy --ignore-existing} that restores a folder whole: the reports of a
   * COPY, and the files both sides held ({@code --match}), which {@code --ignore-existing} left
   * alone.
   */
  static List<String> restoreFlags(Path folder) {
    List<String> flags = flags(folder, SyncMode.COPY);
    flags.add("--match");
    flags.add(folder.resolve(MATCHED).toString());
    return flags;
  }

  /**
   * What a copy with {@link #restoreFlags} did, from its reports: each path it copied (missing at
   * the destination, less those its error report names) and each it left alone (the destination had
   * it). Valid for a copy that ran to the end of its comparison.
   */
  public static void restored(Path folder, Consumer<String> copied, Consumer<String> leftAlone) {
    Set<String> failed = paths(folder.resolve(FAILED));
    lines(
        folder.resolve(ADDED),
        path -> {
          if (!failed.contains(path)) {
            copied.accept(path);
          }
        });
    lines(folder.resolve(MATCHED), leftAlone);
  }

  /**
   * How many files a sync found at the destination but not at the source, as its report says: the
   * deletions it had due, even when {@code --max-delete} held them back. -1 when there is no report
   * (rclone before 1.66).
   */
  public static long deletionsDue(Path folder) {
    if (!written(folder) || !Files.exists(folder.resolve(DELETED))) {
      return -1;
    }
    return read(folder.resolve(DELETED)).count();
  }

  /**
   * A completed run's changes as its reports have them.
   *
   * @param disagreement what the log said otherwise, or null when the two agree
   */
  public record Checked(RunStats stats, RunChanges changes, String disagreement) {}

  /**
   * The report file that lists the paths of one kind: added, replaced (MODIFIED) or deleted; null
   * for the paths moved into the history, which are the replaced and the deleted ones.
   */
  public static Path report(Path folder, RunChangeList.ChangeKind kind) {
    return switch (kind) {
      case ADDED -> folder.resolve(ADDED);
      case MODIFIED -> folder.resolve(REPLACED);
      case DELETED -> folder.resolve(DELETED);
      case MOVED_TO_REVISIONS -> null;
    };
  }

  /** True when rclone wrote reports into the folder (rclone 1.66 and later were asked to). */
  public static boolean written(Path folder) {
    return folder != null && Files.exists(folder.resolve(REPLACED));
  }

  /**
   * The changes of a completed run of {@code mode} from the reports in {@code folder}, checked
   * against those read from its log.
   *
   * @param history true when replaced and deleted files were moved into the history
   * @param dryRun a dry run's log does not tell replaced files from added ones at {@code -v}
   */
  public static Checked check(
      Path folder,
      SyncMode mode,
      boolean history,
      boolean dryRun,
      RunStats stats,
      RunChanges fromLog) {
    Checked reported = listed(folder, mode, history, true, stats);
    String disagreement =
        disagreement(stats, fromLog, reported.stats(), reported.changes(), dryRun);
    if (disagreement != null) {
      log.warn(
          "rclone's change report and its log of a {} run disagree; the report is used: {}",
          mode,
          disagreement);
    }
    return new Checked(reported.stats(), reported.changes(), disagreement);
  }

  /**
   * The changes of a pass that ran without a log line per file ({@link Transfer#listedByReports}),
   * from its reports alone: what its comparison found, less every file its error report names (a
   * copy that failed; a deletion rclone skipped because of errors). Valid for a pass whose rclone
   * ran to the end of its comparison: one that completed, or ended on errors or on {@code
   * --max-delete 0}.
   *
   * @param deletionsDone false when the pass deleted nothing ({@code --max-delete 0} held its
   *     deletions back): none is listed
   * @param stats rclone's bytes, checks and errors, kept as they are
   */
  public static Checked withoutLog(
      Path folder, SyncMode mode, boolean history, boolean deletionsDone, RunStats stats) {
    return listed(folder, mode, history, deletionsDone, stats);
  }

  private static Checked listed(
      Path folder, SyncMode mode, boolean history, boolean deletionsDone, RunStats stats) {
    Set<String> failed = paths(folder.resolve(FAILED));
    PathList added = read(folder.resolve(ADDED), failed);
    PathList replaced = read(folder.resolve(REPLACED), failed);
    PathList deleted =
        mode == SyncMode.COPY || !deletionsDone
            ? new PathList()
            : read(folder.resolve(DELETED), failed);
    PathList moved = new PathList();
    if (history) {
      replaced.paths().forEach(moved::add);
      deleted.paths().forEach(moved::add);
      moved.addUnlisted(replaced.omitted() + deleted.omitted());
    }
    RunStats reported =
        new RunStats(
            added.count(),
            replaced.count(),
            deleted.count(),
            moved.count(),
            stats.bytesTransferred(),
            stats.filesChecked(),
            stats.errors(),
            stats.conflicts());
    RunChanges changes =
        new RunChanges(
            added.paths(),
            replaced.paths(),
            deleted.paths(),
            moved.paths(),
            added.omitted() + replaced.omitted() + deleted.omitted() + moved.omitted());
    return new Checked(reported, changes, null);
  }

  private static String disagreement(
      RunStats logStats, RunChanges log, RunStats reportStats, RunChanges report, boolean dryRun) {
    List<String> differences = new ArrayList<>();
    if (dryRun) {
      compare(
          "added or replaced",
          logStats.filesAdded() + logStats.filesModified(),
          union(log.added(), log.modified()),
          reportStats.filesAdded() + reportStats.filesModified(),
          union(report.added(), report.modified()),
          differences);
    } else {
      compare(
          "added",
          logStats.filesAdded(),
          log.added(),
          reportStats.filesAdded(),
          report.added(),
          differences);
      compare(
          "replaced",
          logStats.filesModified(),
          log.modified(),
          reportStats.filesModified(),
          report.modified(),
          differences);
    }
    compare(
        "deleted",
        logStats.filesDeleted(),
        log.deleted(),
        reportStats.filesDeleted(),
        report.deleted(),
        differences);
    return differences.isEmpty() ? null : String.join("; ", differences);
  }

  private static void compare(
      String kind,
      long logCount,
      List<String> logPaths,
      long reportCount,
      List<String> reportPaths,
      List<String> differences) {
    boolean bothWhole = logCount == logPaths.size() && reportCount == reportPaths.size();
    if (logCount != reportCount
        || (bothWhole && !new HashSet<>(logPaths).equals(new HashSet<>(reportPaths)))) {
      Set<String> onlyInLog = new HashSet<>(logPaths);
      reportPaths.forEach(onlyInLog::remove);
      Set<String> onlyInReport = new HashSet<>(reportPaths);
      logPaths.forEach(onlyInReport::remove);
      differences.add(
          String.format(
              "%s: the log says %d, the report %d (only in the log: %s; only in the report: %s)",
              kind, logCount, reportCount, sample(onlyInLog), sample(onlyInReport)));
    }
  }

  private static List<String> union(List<String> one, List<String> two) {
    List<String> all = new ArrayList<>(one);
    all.addAll(two);
    return all;
  }

  private static String sample(Set<String> paths) {
    return paths.stream().sorted().limit(5).toList().toString();
  }

  private static PathList read(Path report) {
    return read(report, Set.of());
  }

  private static PathList read(Path report, Set<String> leftOut) {
    PathList paths = new PathList();
    lines(
        report,
        line -> {
          if (!leftOut.contains(line)) {
            paths.add(line);
          }
        });
    return paths;
  }

  /** Every path of a report, for the files rclone failed on (few, but all of them). */
  private static Set<String> paths(Path report) {
    Set<String> paths = new HashSet<>();
    lines(report, paths::add);
    return paths;
  }

  private static void lines(Path report, Consumer<String> each) {
    if (!Files.exists(report)) {
      return;
    }
    try (BufferedReader lines = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isEmpty()) {
          each.accept(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rclone's change report " + report, e);
    }
  }
}
