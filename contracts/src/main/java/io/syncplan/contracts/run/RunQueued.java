package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageType;
import io.syncplan.contracts.plan.Priority;
import java.time.Instant;

/**
 * An executor accepted a run command and the run waits for a free slot.
 *
 * @param triggeredBy for a {@link RunTrigger#CHAINED} run, the run whose end started it; else null
 */
public record RunQueued(
    String runId,
    String planId,
    RunTrigger trigger,
    Instant scheduledAt,
    Priority priority,
    boolean dryRun,
    TriggeringRun triggeredBy)
    implements Message {

  /** A run that no other run started. */
  public RunQueued(
      String runId,
      String planId,
      RunTrigger trigger,
      Instant scheduledAt,
      Priority priority,
      boolean dryRun) {
    this(runId, planId, trigger, scheduledAt, priority, dryRun, null);
  }

  @Override
  public MessageType messageType() {
    return MessageType.RUN_QUEUED;
  }
}
