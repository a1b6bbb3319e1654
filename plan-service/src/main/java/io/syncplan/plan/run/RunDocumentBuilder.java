package io.syncplan.plan.run;

import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.run.TriggeringRun;
import java.time.Instant;
import java.util.Map;

/**
 * A copy of a {@link RunDocument} with some parts changed, so that a change names only what it
 * changes. The run's identity and what only the reconciliation writes (checkedAt, resends,
 * resentAt) are kept as they are.
 */
final class RunDocumentBuilder {

  private final String runId;
  private final String planId;
  private RunStatus status;
  private RunTrigger trigger;
  private Priority priority;
  private boolean dryRun;
  private Instant requestedAt;
  private Instant scheduledAt;
  private Instant startedAt;
  private Instant finishedAt;
  private int attempts;
  private Map<String, AttemptRecord> attemptLog;
  private Instant nextAttemptAt;
  private ProgressRecord progress;
  private RunStats stats;
  private RunChanges changes;
  private RunError error;
  private Instant updatedAt;
  private final Instant checkedAt;
  private final Integer resends;
  private final Instant resentAt;
  private TriggeringRun triggeredBy;
  private Map<String, HookRecord> hookLog;
  private RunKind kind;

  RunDocumentBuilder(RunDocument run) {
    runId = run.runId();
    planId = run.planId();
    status = run.status();
    trigger = run.trigger();
    priority = run.priority();
    dryRun = run.dryRun();
    requestedAt = run.requestedAt();
    scheduledAt = run.scheduledAt();
    startedAt = run.startedAt();
    finishedAt = run.finishedAt();
    attempts = run.attempts();
    attemptLog = run.attemptLog();
    nextAttemptAt = run.nextAttemptAt();
    progress = run.progress();
    stats = run.stats();
    changes = run.changes();
    error = run.error();
    updatedAt = run.updatedAt();
    checkedAt = run.checkedAt();
    resends = run.resends();
    resentAt = run.resentAt();
    triggeredBy = run.triggeredBy();
    hookLog = run.hookLog();
    kind = run.kind();
  }

  RunDocumentBuilder status(RunStatus status) {
    this.status = status;
    return this;
  }

  RunDocumentBuilder trigger(RunTrigger trigger) {
    this.trigger = trigger;
    return this;
  }

  RunDocumentBuilder priority(Priority priority) {
    this.priority = priority;
    return this;
  }

  RunDocumentBuilder dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  RunDocumentBuilder requestedAt(Instant requestedAt) {
    this.requestedAt = requestedAt;
    return this;
  }

  RunDocumentBuilder scheduledAt(Instant scheduledAt) {
    this.scheduledAt = scheduledAt;
    return this;
  }

  RunDocumentBuilder startedAt(Instant startedAt) {
    this.startedAt = startedAt;
    return this;
  }

  RunDocumentBuilder finishedAt(Instant finishedAt) {
    this.finishedAt = finishedAt;
    return this;
  }

  RunDocumentBuilder attempts(int attempts) {
    this.attempts = attempts;
    return this;
  }

  RunDocumentBuilder attemptLog(Map<String, AttemptRecord> attemptLog) {
    this.attemptLog = attemptLog;
    return this;
  }

  RunDocumentBuilder nextAttemptAt(Instant nextAttemptAt) {
    this.nextAttemptAt = nextAttemptAt;
    return this;
  }

  RunDocumentBuilder progress(ProgressRecord progress) {
    this.progress = progress;
    return this;
  }

  RunDocumentBuilder stats(RunStats stats) {
    this.stats = stats;
    return this;
  }

  RunDocumentBuilder changes(RunChanges changes) {
    this.changes = changes;
    return this;
  }

  RunDocumentBuilder error(RunError error) {
    this.error = error;
    return this;
  }

  RunDocumentBuilder updatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
    return this;
  }

  RunDocumentBuilder triggeredBy(TriggeringRun triggeredBy) {
    this.triggeredBy = triggeredBy;
    return this;
  }

  RunDocumentBuilder hookLog(Map<String, HookRecord> hookLog) {
    this.hookLog = hookLog;
    return this;
  }

  RunDocumentBuilder kind(RunKind kind) {
    this.kind = kind;
    return this;
  }

  RunDocument build() {
    return new RunDocument(
        runId,
        planId,
        status,
        trigger,
        priority,
        dryRun,
        requestedAt,
        scheduledAt,
        startedAt,
        finishedAt,
        attempts,
        attemptLog,
        nextAttemptAt,
        progress,
        stats,
        changes,
        error,
        updatedAt,
        checkedAt,
        resends,
        resentAt,
        triggeredBy,
        hookLog,
        kind);
  }
}
