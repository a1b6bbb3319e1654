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
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A run as the history knows it, built from run events. {@code attemptLog} is keyed by attempt
 * number so a redelivered event rewrites its own entry instead of adding one.
 *
 * @param checkedAt when an executor last answered that it holds the run (see {@link RunReconciler})
 * @param resends the questions about the run (its command sent again) no executor answered yet
 * @param resentAt when its command was last sent again
 * @param triggeredBy for a chained run, the run whose end started it
 * @param hookLog how the run's hooks ended, keyed by their place in the plan's hooks
 * @param kind what the run does: the plan's sync, a restore or a verification
 */
@Document("runs")
// The history lists (a plan's runs, runs by status, all runs) read in the order they show,
// requestedAt newest first then _id: with _id in the index MongoDB neither sorts nor fetches past
// the page. The embedded store reads and counts them the same way (embedded-infra's OrderedIndex,
// docs/benchmarks.md, "A million stored runs").
@CompoundIndex(name = "plan_newest_first_by_id", def = "{'planId': 1, 'requestedAt': -1, '_id': 1}")
@CompoundIndex(
    name = "status_newest_first_by_id",
    def = "{'status': 1, 'requestedAt': -1, '_id': 1}")
@CompoundIndex(name = "newest_first_by_id", def = "{'requestedAt': -1, '_id': 1}")
@CompoundIndex(name = "unfinished_by_age", def = "{'status': 1, 'updatedAt': 1}")
@CompoundIndex(name = "finished_by_age", def = "{'finishedAt': 1}")
record RunDocument(
    @Id String runId,
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
    Map<String, AttemptRecord> attemptLog,
    Instant nextAttemptAt,
    ProgressRecord progress,
    RunStats stats,
    RunChanges changes,
    RunError error,
    Instant updatedAt,
    Instant checkedAt,
    Integer resends,
    Instant resentAt,
    TriggeringRun triggeredBy,
    Map<String, HookRecord> hookLog,
    RunKind kind) {

  public RunDocument {
    attemptLog = attemptLog == null ? Map.of() : Map.copyOf(attemptLog);
    hookLog = hookLog == null ? Map.of() : Map.copyOf(hookLog);
    // Runs stored before the reconciliation existed were never asked after.
    resends = resends == null ? 0 : resends;
    // Runs stored before kinds existed were all syncs.
    kind = RunKind.orSync(kind);
  }

  static RunDocument queued(
      String runId,
      String planId,
      RunTrigger trigger,
      Priority priority,
      boolean dryRun,
      Instant requestedAt,
      RunKind kind) {
    return new RunDocument(
        runId,
        planId,
        RunStatus.QUEUED,
        trigger,
        priority,
        dryRun,
        requestedAt,
        requestedAt,
        null,
        null,
        0,
        Map.of(),
        null,
        null,
        null,
        null,
        null,
        requestedAt,
        null,
        0,
        null,
        null,
        Map.of(),
        kind);
  }

  /** A copy to change parts of; see {@link RunDocumentBuilder}. */
  RunDocumentBuilder toBuilder() {
    return new RunDocumentBuilder(this);
  }
}
