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
import java.util.Comparator;
import java.util.List;

/**
 * A run as the API shows it; {@code updatedAt} is when anything about it last changed, {@code kind}
 * whether it synced, restored or verified.
 *
 * @param triggeredBy for a {@code CHAINED} run, the run of another plan whose end started it
 * @param hooks how the run's hooks ended, in the plan's order
 */
record RunResponse(
    String runId,
    String planId,
    RunStatus status,
    RunTrigger trigger,
    Priority priority,
    boolean dryRun,
    Instant requestedAt,
    Instant scheduledAt,
    Instant startedAt,
    Instant finishedAt,
    int attempts,
    List<AttemptRecord> attemptLog,
    Instant nextAttemptAt,
    ProgressRecord progress,
    RunStats stats,
    RunChanges changes,
    RunError error,
    Instant updatedAt,
    TriggeringRun triggeredBy,
    List<HookRecord> hooks,
    RunKind kind) {

  static RunResponse of(RunDocument run) {
    return new RunResponse(
        run.runId(),
        run.planId(),
        run.status(),
        run.trigger(),
        run.priority(),
        run.dryRun(),
        run.requestedAt(),
        run.scheduledAt(),
        run.startedAt(),
        run.finishedAt(),
        run.attempts(),
        run.attemptLog().values().stream()
            .sorted(Comparator.comparingInt(AttemptRecord::attempt))
            .toList(),
        run.nextAttemptAt(),
        run.status().isFinal() ? null : run.progress(),
        run.stats() == null ? RunStats.EMPTY : run.stats(),
        run.changes(),
        run.error(),
        run.updatedAt(),
        run.triggeredBy(),
        run.hookLog().values().stream().sorted(Comparator.comparingInt(HookRecord::index)).toList(),
        run.kind());
  }
}
