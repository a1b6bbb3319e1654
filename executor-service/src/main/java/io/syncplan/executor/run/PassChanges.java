package io.syncplan.executor.run;

import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.rclone.ChangeReports;
import io.syncplan.executor.rclone.RcloneReport;
import io.syncplan.executor.rclone.Transfer;
import java.util.List;

/**
 * The per-file changes of one rclone pass of a one-way run: from its log, from rclone's change
 * reports (1.66 and later), or, for a pass that logged no line per file and was cut short, only
 * counted.
 */
final class PassChanges {

  private PassChanges() {}

  /**
   * A pass's changes as rclone's change reports have them, where it wrote them (1.66 and later). A
   * pass that logged a line per file keeps its log's lists unless it completed; one that did not
   * ({@link Transfer#listedByReports}) takes them from the reports whenever rclone ran to the end
   * of its comparison, and otherwise only counts what rclone's stats say it did.
   */
  static AttemptResult of(AttemptResult result, RcloneReport report, Transfer transfer) {
    if (!ChangeReports.written(transfer.reports())) {
      return result;
    }
    boolean history = transfer.backupDir() != null;
    if (!transfer.listedByReports()) {
      if (result.status() != RunStatus.SUCCEEDED) {
        return result;
      }
      return with(
          result,
          ChangeReports.check(
              transfer.reports(),
              transfer.mode(),
              history,
              transfer.dryRun(),
              result.stats(),
              result.changes()));
    }
    if (result.status() == RunStatus.SUCCEEDED) {
      return with(
          result,
          ChangeReports.withoutLog(
              transfer.reports(), transfer.mode(), history, true, result.stats()));
    }
    if (ranToTheEnd(result, report)) {
      // rclone deletes nothing once it has met an error (it says "not deleting files as there were
      // IO errors"), and does not always name each deletion it skips; its stats count those done.
      return with(
          result,
          ChangeReports.withoutLog(
              transfer.reports(),
              transfer.mode(),
              history,
              report.filesDeleted() > 0,
              result.stats()));
    }
    if (MassDeletionGuard.deletionsHeldBack(result)) {
      return with(
          result,
          ChangeReports.withoutLog(
              transfer.reports(), transfer.mode(), history, false, result.stats()));
    }
    return uncounted(result, report);
  }

  /**
   * True when rclone ended on errors after its whole comparison: a failed copy, or a folder it
   * could not read (exit codes 1, 3 to 6). Its error report names each file it failed on and each
   * deletion it skipped because of them.
   */
  static boolean ranToTheEnd(AttemptResult result, RcloneReport report) {
    int exit = report.exitCode();
    return result.status() != RunStatus.CANCELLED && (exit == 1 || (exit >= 3 && exit <= 6));
  }

  /**
   * A pass without a log line per file that was cut short (cancelled, its rclone killed, a fatal
   * error): which files it had done by then is unknown, so it lists none and counts what rclone's
   * stats say, each copied file (new or replaced: the stats do not tell them apart) as added.
   */
  private static AttemptResult uncounted(AttemptResult result, RcloneReport report) {
    RunStats stats = result.stats();
    RunStats counted =
        new RunStats(
            report.filesTransferred(),
            0,
            report.filesDeleted(),
            0,
            stats.bytesTransferred(),
            stats.filesChecked(),
            stats.errors(),
            stats.conflicts());
    RunChanges unlisted =
        new RunChanges(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            report.filesTransferred() + report.filesDeleted());
    return new AttemptResult(
        result.status(),
        counted,
        unlisted,
        result.error(),
        result.retryable(),
        result.rcloneTime());
  }

  private static AttemptResult with(AttemptResult result, ChangeReports.Checked checked) {
    return new AttemptResult(
        result.status(),
        checked.stats(),
        checked.changes(),
        result.error(),
        result.retryable(),
        result.rcloneTime());
  }
}
