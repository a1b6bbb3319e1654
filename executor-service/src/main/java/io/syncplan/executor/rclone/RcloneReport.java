package io.syncplan.executor.rclone;

import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import java.util.List;

/**
 * What an rclone process did, read from its JSON log.
 *
 * @param exitCode rclone's exit code
 * @param errorMessage rclone's own last word on a failure, or null
 * @param logTail the last log lines, for a failure's report
 */
public record RcloneReport(
    int exitCode, RunStats stats, RunChanges changes, String errorMessage, List<String> logTail) {

  public boolean succeeded() {
    return exitCode == 0;
  }
}
