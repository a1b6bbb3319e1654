package io.syncplan.contracts.run;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.PlanSnapshotMessage;
import io.syncplan.contracts.plan.Priority;
import java.time.Instant;
import java.util.Objects;

/**
 * Command to the executors of the plan's pool: run this plan. A scheduled run's id is derived from
 * the plan id and the scheduled time, so a command sent twice names the same run.
 *
 * @param scheduledAt the fire time for a scheduled run; the request time for a manual one
 * @param dryRun report what the run would change, changing nothing
 * @param plan the plan as it was when the run was asked for
 * @param triggeredBy for a {@link RunTrigger#CHAINED} run, the run whose end started it; else null
 * @param kind what the run does; SYNC when not given (commands written before kinds existed)
 * @param restore what a RESTORE run brings back; null for other kinds
 * @param verify how a VERIFY run compares; null for other kinds
 */
public record RunRequested(
    String runId,
    RunTrigger trigger,
    Instant scheduledAt,
    Priority priority,
    boolean dryRun,
    PlanSnapshot plan,
    TriggeringRun triggeredBy,
    RunKind kind,
    RestoreSpec restore,
    VerifySpec verify)
    implements PlanSnapshotMessage {

  public RunRequested {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(scheduledAt, "scheduledAt");
    Objects.requireNonNull(plan, "plan");
    priority = priority == null ? plan.priority() : priority;
    kind = RunKind.orSync(kind);
    if (kind == RunKind.RESTORE) {
      Objects.requireNonNull(restore, "restore");
    } else {
      restore = null;
    }
    if (kind == RunKind.VERIFY) {
      verify = verify == null ? new VerifySpec(null) : verify;
    } else {
      verify = null;
    }
  }

  /** A run of the plan's own sync. */
  public RunRequested(
      String runId,
      RunTrigger trigger,
      Instant scheduledAt,
      Priority priority,
      boolean dryRun,
      PlanSnapshot plan) {
    this(runId, trigger, scheduledAt, priority, dryRun, plan, null, RunKind.SYNC, null, null);
  }

  /** A run of the plan's own sync that another run's end started (a chain). */
  public RunRequested(
      String runId,
      RunTrigger trigger,
      Instant scheduledAt,
      Priority priority,
      boolean dryRun,
      PlanSnapshot plan,
      TriggeringRun triggeredBy) {
    this(
        runId, trigger, scheduledAt, priority, dryRun, plan, triggeredBy, RunKind.SYNC, null, null);
  }

  /** A run of a kind that no other run started. */
  public RunRequested(
      String runId,
      RunTrigger trigger,
      Instant scheduledAt,
      Priority priority,
      boolean dryRun,
      PlanSnapshot plan,
      RunKind kind,
      RestoreSpec restore,
      VerifySpec verify) {
    this(runId, trigger, scheduledAt, priority, dryRun, plan, null, kind, restore, verify);
  }
}
