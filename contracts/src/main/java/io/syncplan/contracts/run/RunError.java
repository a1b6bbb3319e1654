package io.syncplan.contracts.run;

import java.util.List;

/**
 * Why a run did not succeed.
 *
 * @param reason a stable code, for example {@code RCLONE_ERROR}, {@code SAFETY_ABORT} or {@code
 *     SOURCE_NOT_FOUND}
 * @param message rclone's own words where it gave them, else ours
 * @param exitCode rclone's exit code, or null when rclone did not run to its end
 * @param logTail the last lines of rclone's log, secrets removed
 */
public record RunError(String reason, String message, Integer exitCode, List<String> logTail) {

  public RunError {
    logTail = logTail == null ? List.of() : List.copyOf(logTail);
  }
}
