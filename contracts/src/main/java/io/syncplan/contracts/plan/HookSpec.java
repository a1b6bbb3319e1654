package io.syncplan.contracts.plan;

import java.time.Duration;
import java.util.Objects;

/**
 * A hook of a plan, with one action: a command the operator defined on the executors of the plan's
 * pool ({@code syncplan.executor.hooks.<name>}), named here, never a command line; or an HTTP
 * request ({@link HttpHook}).
 *
 * @param timeout the command is killed, with every process it started, after this long; the request
 *     is given up
 * @param abortOnError only for {@link HookOn#BEFORE}: a failure fails the run with {@code
 *     HOOK_FAILED} before rclone starts
 * @param command the name of the operator's command; null for an HTTP hook
 * @param http the request; null for a command hook
 */
public record HookSpec(
    HookOn on, Duration timeout, boolean abortOnError, String command, HttpHook http) {

  public HookSpec {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(timeout, "timeout");
    if ((command == null) == (http == null)) {
      throw new IllegalArgumentException("a hook has exactly one action: a command or http");
    }
    abortOnError = abortOnError && on == HookOn.BEFORE;
  }

  /** A command hook. */
  public HookSpec(HookOn on, Duration timeout, boolean abortOnError, String command) {
    this(on, timeout, abortOnError, command, null);
  }

  /** What runs and logs show of the action: the command's name, or the request's host. */
  public String label() {
    return command != null ? command : http.label();
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
