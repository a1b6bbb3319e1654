package io.syncplan.executor.hook;

import java.time.Duration;
import java.util.List;

/**
 * How one run of a hook ended.
 *
 * @param status SUCCEEDED, FAILED, TIMED_OUT or REFUSED
 * @param exitCode null when the command did not exit by itself (killed, or never started), and for
 *     an HTTP hook
 * @param output its last lines, secrets masked
 * @param httpStatus what an HTTP hook was answered; null when it got no answer, and for a command
 */
record HookOutcome(
    String status,
    Duration duration,
    Integer exitCode,
    String message,
    List<String> output,
    Integer httpStatus) {

  static HookOutcome refused(String message) {
    return new HookOutcome("REFUSED", Duration.ZERO, null, message, List.of(), null);
  }

  /** How a command ended. */
  static HookOutcome exited(
      String status, Duration duration, Integer exitCode, String message, List<String> output) {
    return new HookOutcome(status, duration, exitCode, message, output, null);
  }
}
