package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageType;
import io.syncplan.contracts.plan.Priority;
import java.time.Instant;

/** An executor accepted a run command and the run waits for a free slot. */
public record RunQueued(
    String runId,
    String planId,
    RunTrigger trigger,
    Instant scheduledAt,
    Priority priority,
    boolean dryRun)
    implements Message {

  @Override
  public MessageType messageType() {
    return MessageType.RUN_QUEUED;
  }
}
