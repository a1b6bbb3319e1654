package io.syncplan.executor.rclone;

import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import java.time.Duration;
import java.util.List;

/**
 * What an rclone process did, read from its JSON log, secrets removed.
 *
 * @param exitCode rclone's exit code; above 128 when it was killed by a signal
 * @param errorMessage rclone's own last word on a failure, or null
 * @param logTail the last log lines, for a failure's report
 * @param elapsed from the start of the process to its exit
 * @param filesTransferred files copied, new or replaced, as rclone's last stats count them
 * @param filesDeleted files deleted, as rclone's last stats count them
 */
public record RcloneReport(
    int exitCode,
    RunStats stats,
    RunChanges changes,
    String errorMessage,
    List<String> logTail,
    Duration elapsed,
    long filesTransferred,
    long filesDeleted) {

  public RcloneReport(
      int exitCode,
      RunStats stats,
      RunChanges changes,
      String errorMessage,
      List<String> logTail,
      Duration elapsed) {
    this(exitCode, stats, changes, errorMessage, logTail, elapsed, 0, 0);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** True when the process ended by a signal rather than by exiting. */
  public boolean killed() {
    return exitCode > 128;
  }

  /**
   * True when the location rclone was given does not exist: rclone 1.60 exits with code 3; the
   * purge of rclone 1.75 exits with code 1, having logged that it found no folder to list.
   */
  public boolean directoryNotFound() {
    return exitCode == RcloneExit.DIRECTORY_NOT_FOUND.code()
        || (exitCode == 1 && mentions("Failed to list \"\": directory not found"));
  }

  /** True when rclone said so anywhere in its error message or last lines. */
  public boolean mentions(String text) {
    return (errorMessage != null && errorMessage.contains(text))
        || logTail.stream().anyMatch(line -> line.contains(text));
  }
}
