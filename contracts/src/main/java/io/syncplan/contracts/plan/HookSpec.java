package io.syncplan.contracts.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * A hook of a plan: a command the operator defined on the executors of the plan's pool ({@code
 * syncplan.executor.hooks.<name>}), named here, never a command line.
 *
 * @param timeout the command is killed, with every process it started, after this long
 * @param abortOnError only for {@link HookOn#BEFORE}: a failure fails the run with {@code
 *     HOOK_FAILED} before rclone starts
 * @param command the name of the operator's command
 */
public record HookSpec(HookOn on, Duration timeout, boolean abortOnError, String command) {

  public HookSpec {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(command, "command");
    abortOnError = abortOnError && on == HookOn.BEFORE;
  }

  /** Whether the hook runs after a run that ended with {@code outcome}. */
  public boolean runsAfter(RunOutcome outcome) {
    return switch (on) {
      case BEFORE -> false;
      case AFTER -> true;
      case AFTER_SUCCESS -> outcome == RunOutcome.SUCCESS;
      case AFTER_FAILURE -> outcome == RunOutcome.FAILURE || outcome == RunOutcome.PARTIAL;
    };
  }
}
