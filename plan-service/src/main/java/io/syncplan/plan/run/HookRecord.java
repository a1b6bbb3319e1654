package io.syncplan.plan.run;

import io.syncplan.contracts.plan.HookOn;
import io.syncplan.contracts.run.HookRan;
import java.util.List;

/**
 * How one of a run's hooks ended, as its executor reported it.
 *
 * @param index the hook's place in the plan's {@code hooks}
 * @param command the operator's command; null for an HTTP hook
 * @param status SUCCEEDED, FAILED, TIMED_OUT or REFUSED
 * @param exitCode null when the command did not exit by itself, and for an HTTP hook
 * @param output the last lines it wrote, secrets masked by the executor
 * @param http an HTTP hook's method, host and URL fingerprint; null for a command
 * @param httpStatus what an HTTP hook was answered; null when it got no answer
 */
record HookRecord(
    int index,
    HookOn on,
    String command,
    String status,
    long durationMillis,
    Integer exitCode,
    String message,
    List<String> output,
    String http,
    Integer httpStatus) {

  static HookRecord of(HookRan ran) {
    return new HookRecord(
        ran.index(),
        ran.on(),
        ran.command(),
        ran.status(),
        ran.durationMillis(),
        ran.exitCode(),
        ran.message(),
        ran.output(),
        ran.http(),
        ran.httpStatus());
  }
}
