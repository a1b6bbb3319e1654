package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.Priority;
import java.time.Instant;

/**
 * An executor accepted a run command and the run waits for a free slot.
 *
 * @param kind what the run does; SYNC when not given (events written before kinds existed)
 */
public record RunQueued(
    String runId,
    String planId,
    RunTrigger trigger,
    Instant scheduledAt,
    Priority priority,
    boolean dryRun,
    TriggeringRun triggeredBy,
    RunKind kind)
    implements Message {

  public RunQueued {
    kind = RunKind.orSync(kind);
  }

  /** A chained run (or one no run started) of the plan's own sync. */
  public RunQueued(
      String runId,
      String planId,
      RunTrigger trigger,
      Instant scheduledAt,
      Priority priority,
      boolean dryRun,
      TriggeringRun triggeredBy) {
    this(runId, planId, trigger, scheduledAt, priority, dryRun, triggeredBy, RunKind.SYNC);
  }

  /** A run of the given kind that no other run started. */
  public RunQueued(
      String runId,
      String planId,
      RunTrigger trigger,
      Instant scheduledAt,
      Priority priority,
      boolean dryRun,
      RunKind kind) {
    this(runId, planId, trigger, scheduledAt, priority, dryRun, (TriggeringRun) null, kind);
  }

  /** A run of the plan's own sync that no other run started. */
  public RunQueued(
      String runId,
      String planId,
      RunTrigger trigger,
      Instant scheduledAt,
      Priority priority,
      boolean dryRun) {
    this(runId, planId, trigger, scheduledAt, priority, dryRun, (TriggeringRun) null, RunKind.SYNC);
  }
}
