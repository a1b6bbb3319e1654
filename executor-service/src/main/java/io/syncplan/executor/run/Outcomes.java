package io.syncplan.executor.run;

import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.rclone.RcloneExit;
import io.syncplan.executor.rclone.RcloneReport;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What an rclone exit means for a run: its status, the reason users see, and whether another
 * attempt may help. Only passing trouble is retried: rclone's exit codes 1 (an error, such as a
 * remote that could not be reached) and 5 (temporary), and an rclone that died; usage and fatal
 * errors, safety aborts and a full destination disk fail at once.
 */
final class Outcomes {

  static final String SAFETY_ABORT = "SAFETY_ABORT";
  static final String BISYNC_NEEDS_RESYNC = "BISYNC_NEEDS_RESYNC";
  static final String BISYNC_ACCESS_CHECK_FAILED = "BISYNC_ACCESS_CHECK_FAILED";
  static final String BISYNC_CONFLICT_UNRESOLVED = "BISYNC_CONFLICT_UNRESOLVED";
  static final String DESTINATION_FULL = "DESTINATION_FULL";

  private static final Pattern UNREACHABLE =
      Pattern.compile(
          "couldn't connect|connection refused|no such host|dial tcp|i/o timeout|network is"
              + " unreachable|connection reset|no route to host|EOF");

  /**
   * A storage that refused the plan's credentials: S3's wrong secret or unknown key, an HTTP 401 or
   * 403, an SSH login that failed. Another attempt with the same credentials cannot help.
   */
  private static final Pattern ACCESS_DENIED =
      Pattern.compile(
          "SignatureDoesNotMatch|InvalidAccessKeyId|AccessDenied|Unauthorized|401 Unauthorized"
              + "|403 Forbidden|StatusCode: 403|status code: 403|unable to authenticate"
              + "|ssh: handshake failed");

  static final String ACCESS_DENIED_REASON = "ACCESS_DENIED";

  /** How rclone says the destination's disk is full (rclone's local backend preallocates). */
  private static final List<String> DISK_FULL =
      List.of(
          "no space left on device",
          "disk quota exceeded",
          "file too big for remaining disk space");

  private Outcomes() {}

  static AttemptResult of(RcloneReport report, SyncMode mode, RunControl.StopReason stopped) {
    if (stopped != null) {
      return result(report, RunStatus.CANCELLED, "CANCELLED", stopped.describe(), false);
    }
    if (report.succeeded()) {
      return new AttemptResult(
          RunStatus.SUCCEEDED, report.stats(), report.changes(), null, false, report.elapsed());
    }
    int exit = report.exitCode();
    if (exit == RcloneExit.MAX_TRANSFER.code()) {
      return result(
          report,
          RunStatus.PARTIAL,
          RcloneExit.MAX_TRANSFER.reason(),
          "stopped after transferring the plan's max transfer; what was transferred is kept and"
              + " the next run carries on",
          false);
    }
    if (exit == RcloneExit.MAX_DURATION.code()
        || report.mentions("max transfer duration reached")) {
      return result(
          report,
          RunStatus.PARTIAL,
          RcloneExit.MAX_DURATION.reason(),
          "stopped at the plan's max duration; what was transferred is kept and the next run"
              + " carries on",
          false);
    }
    if (report.mentions("--max-delete threshold reached")) {
      return result(
          report,
          RunStatus.FAILED,
          SAFETY_ABORT,
          "stopped: the run would have deleted more files at the destination than the plan"
              + " allows (the source changed while it ran)",
          false);
    }
    if (mode == SyncMode.BISYNC) {
      if (report.mentions("empty current Path")
          || (report.mentions("Cannot sync to an empty") && !report.mentions("prior Path"))) {
        return result(
            report,
            RunStatus.FAILED,
            SAFETY_ABORT,
            "bisync stopped before changing anything: one side is empty ("
                + report.errorMessage()
                + "), which usually means a disk or share is not mounted. Mount it and run the"
                + " plan again",
            false);
      }
      if (report.mentions("Safety abort") || report.mentions("too many deletes")) {
        return result(
            report,
            RunStatus.FAILED,
            SAFETY_ABORT,
            "bisync stopped before changing anything: "
                + report.errorMessage()
                + ". Check both sides; once they are as they should be, run the plan again",
            false);
      }
      // Checked before anything changes, so the saved state (restored before each run) still
      // holds: no resync is needed, on 1.60 either, where rclone itself would ask for one.
      if (report.mentions("check file check failed")) {
        return result(
            report,
            RunStatus.FAILED,
            BISYNC_ACCESS_CHECK_FAILED,
            "bisync stopped before changing anything: a side lacks the marker file "
                + DeletionGuard.ACCESS_MARKER
                + " the other holds ("
                + accessTestFailure(report)
                + "), which usually means a disk or share is not mounted. Mount it (or put the"
                + " marker file back) and run the plan again",
            false);
      }
      // rclone 1.60 exits 2 when it finds no listings; either way bisync says it needs a resync.
      if (exit == RcloneExit.FATAL.code() || report.mentions("Must run --resync")) {
        return result(
            report,
            RunStatus.FAILED,
            BISYNC_NEEDS_RESYNC,
            "bisync stopped on a critical error and its state cannot be trusted: "
                + bisyncCriticalError(report),
            false);
      }
    }
    if (report.errorMessage() != null && ACCESS_DENIED.matcher(report.errorMessage()).find()) {
      return result(
          report,
          RunStatus.FAILED,
          ACCESS_DENIED_REASON,
          "the storage refused the plan's credentials ("
              + report.errorMessage()
              + "). Check the storage's access key, secret or password",
          false);
    }
    if (DISK_FULL.stream().anyMatch(report::mentions)) {
      // Not retried: a full disk does not empty itself between two attempts.
      return result(
          report,
          RunStatus.FAILED,
          DESTINATION_FULL,
          "the destination's disk is full (rclone: "
              + report.errorMessage()
              + "); free space there or give it more, then run the plan again. The source was"
              + " not touched",
          false);
    }
    if (report.killed()) {
      return result(report, RunStatus.FAILED, "RCLONE_DIED", "rclone stopped unexpectedly", true);
    }
    RcloneExit kind = RcloneExit.of(exit);
    String reason =
        kind.retryable()
                && report.errorMessage() != null
                && UNREACHABLE.matcher(report.errorMessage()).find()
            ? "REMOTE_UNREACHABLE"
            : kind.reason();
    return result(report, RunStatus.FAILED, reason, report.errorMessage(), kind.retryable());
  }

  /** bisync's line naming the marker file that one side lacks. */
  private static String accessTestFailure(RcloneReport report) {
    return report.logTail().stream()
        .filter(line -> line.contains("Access test failed"))
        .reduce((first, second) -> second)
        .map(line -> line.replaceAll("\\s+", " ").replaceFirst("^[-\\s]+", "").strip())
        .orElse(report.errorMessage());
  }

  /** bisync's critical error, rather than its closing "Bisync aborted. Must run --resync". */
  private static String bisyncCriticalError(RcloneReport report) {
    return report.logTail().stream()
        .filter(line -> line.contains("Bisync critical error"))
        .reduce((first, second) -> second)
        .orElse(report.errorMessage());
  }

  private static AttemptResult result(
      RcloneReport report, RunStatus status, String reason, String message, boolean retryable) {
    return new AttemptResult(
        status,
        report.stats(),
        report.changes(),
        new RunError(reason, message, report.exitCode(), report.logTail()),
        retryable,
        report.elapsed());
  }
}
