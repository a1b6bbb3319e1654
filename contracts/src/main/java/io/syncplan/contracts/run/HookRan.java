package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.HookOn;
import java.util.List;

/**
 * One of a run's hooks ran (or could not), published by the executor as soon as it ended.
 *
 * @param index the hook's place in the plan's {@code hooks}
 * @param command the name of the operator's command; null for an HTTP hook
 * @param status SUCCEEDED, FAILED (a non-zero exit, a non-2xx answer, no answer), TIMED_OUT
 *     (killed) or REFUSED (this executor does not define the command, or it could not start; the
 *     request's URL or secret could not be opened)
 * @param exitCode the command's exit code; null when it did not exit by itself, and for HTTP
 * @param output the last lines the command wrote, capped, secrets masked; none for HTTP
 * @param http an HTTP hook's method, host and URL fingerprint ({@code POST host#fingerprint}),
 *     never its URL; null for a command
 * @param httpStatus the status an HTTP hook was answered with; null when it got no answer
 */
public record HookRan(
    String runId,
    String planId,
    int index,
    HookOn on,
    String command,
    String status,
    long durationMillis,
    Integer exitCode,
    String message,
    List<String> output,
    String http,
    Integer httpStatus)
    implements Message {

  public HookRan {
    output = output == null ? List.of() : List.copyOf(output);
  }

  /** Whether the hook did what it was meant to. */
  public boolean succeeded() {
    return "SUCCEEDED".equals(status);
  }
}
