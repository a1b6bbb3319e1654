package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageType;
import io.syncplan.contracts.plan.HookOn;
import java.util.List;

/**
 * One of a run's hooks ran (or could not), published by the executor as soon as it ended.
 *
 * @param index the hook's place in the plan's {@code hooks}
 * @param command the name of the operator's command
 * @param status SUCCEEDED, FAILED (a non-zero exit), TIMED_OUT (killed) or REFUSED (this executor
 *     does not define the command, or it could not start)
 * @param exitCode the command's exit code; null when it did not exit by itself
 * @param output the last lines the command wrote, capped, secrets masked
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
    List<String> output)
    implements Message {

  public HookRan {
    output = output == null ? List.of() : List.copyOf(output);
  }

  /** Whether the hook did what it was meant to. */
  public boolean succeeded() {
    return "SUCCEEDED".equals(status);
  }

  @Override
  public MessageType messageType() {
    return MessageType.RUN_HOOK_RAN;
  }
}
