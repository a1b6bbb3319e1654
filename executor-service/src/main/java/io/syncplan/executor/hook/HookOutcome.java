package io.syncplan.executor.hook;

import java.time.Duration;
import java.util.List;

/**
 * How one run of a hook's command ended.
 *
 * @param status SUCCEEDED, FAILED, TIMED_OUT or REFUSED
 * @param exitCode null when the command did not exit by itself (killed, or never started)
 * @param output its last lines, secrets masked
 */
record HookOutcome(
    String status, Duration duration, Integer exitCode, String message, List<String> output) {

  static HookOutcome refused(String message) {
    return new HookOutcome("REFUSED", Duration.ZERO, null, message, List.of());
  }
}
