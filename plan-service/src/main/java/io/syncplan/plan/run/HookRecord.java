package io.syncplan.plan.run;

import io.syncplan.contracts.plan.HookOn;
import io.syncplan.contracts.run.HookRan;
import java.util.List;

/**
 * How one of a run's hooks ended, as its executor reported it.
 *
 * @param index the hook's place in the plan's {@code hooks}
 * @param status SUCCEEDED, FAILED, TIMED_OUT or REFUSED
 * @param exitCode null when the command did not exit by itself
 * @param output the last lines it wrote, secrets masked by the executor
 */
record HookRecord(
    int index,
    HookOn on,
    String command,
    String status,
    long durationMillis,
    Integer exitCode,
    String message,
    List<String> output) {

  static HookRecord of(HookRan ran) {
    return new HookRecord(
        ran.index(),
        ran.on(),
        ran.command(),
        ran.status(),
        ran.durationMillis(),
        ran.exitCode(),
        ran.message(),
        ran.output());
  }
}
