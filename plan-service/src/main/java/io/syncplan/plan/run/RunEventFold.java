package io.syncplan.plan.run;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.run.HookRan;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A run event applied to a run in memory, by the rules {@link RunHistory} applies in the store: a
 * final status is never replaced, a run never goes back to QUEUED, attempts are keyed by number,
 * progress is taken only while the run is not final. {@code RunEventFoldTest} checks that both give
 * the same run for the same events.
 */
final class RunEventFold {

  private RunEventFold() {}

  /** The run after the event; {@code current} is null for a run not known yet. */
  static RunDocument apply(RunDocument current, Envelope<Message> envelope) {
    Message payload = envelope.payload();
    Instant at = envelope.occurredAt();
    if (payload instanceof RunQueued queued) {
      if (current != null) {
        return with(current, current.status(), at);
      }
      return new RunDocument(
          queued.runId(),
          queued.planId(),
          RunStatus.QUEUED,
          queued.trigger(),
          queued.priority(),
          queued.dryRun(),
          at,
          queued.scheduledAt(),
          null,
          null,
          0,
          Map.of(),
          null,
          null,
          null,
          null,
          null,
          at,
          null,
          0,
          null,
          queued.triggeredBy(),
          Map.of(),
          queued.kind());
    }
    if (current != null && current.status().isFinal()) {
      return current;
    }
    if (payload instanceof HookRan ran) {
      RunDocument base = current != null ? current : unknown(ran.runId(), ran.planId(), at);
      return withHook(base, HookRecord.of(ran), at);
    }
    if (payload instanceof RunStarted started) {
      RunDocument base = current != null ? current : unknown(started.runId(), started.planId(), at);
      AttemptRecord before = base.attemptLog().get(String.valueOf(started.attempt()));
      return new RunDocument(
          base.runId(),
          base.planId(),
          RunStatus.RUNNING,
          base.trigger(),
          base.priority(),
          base.dryRun(),
          base.requestedAt(),
          base.scheduledAt(),
          min(base.startedAt(), started.startedAt()),
          base.finishedAt(),
          Math.max(base.attempts(), started.attempt()),
          withAttempt(
              base.attemptLog(),
              new AttemptRecord(
                  started.attempt(),
                  started.executorId(),
                  started.startedAt(),
                  before == null ? null : before.endedAt(),
                  before == null ? null : before.failure())),
          null,
          base.progress(),
          base.stats(),
          base.changes(),
          base.error(),
          at,
          base.checkedAt(),
          base.resends(),
          base.resentAt(),
          base.triggeredBy(),
          base.hookLog(),
          base.kind());
    }
    if (payload instanceof RunProgress progress) {
      if (current == null) {
        return null;
      }
      return new RunDocument(
          current.runId(),
          current.planId(),
          current.status(),
          current.trigger(),
          current.priority(),
          current.dryRun(),
          current.requestedAt(),
          current.scheduledAt(),
          current.startedAt(),
          current.finishedAt(),
          current.attempts(),
          current.attemptLog(),
          current.nextAttemptAt(),
          new ProgressRecord(
              progress.bytesDone(),
              progress.bytesTotal(),
              progress.filesDone(),
              progress.filesTotal(),
              progress.speedBytesPerSecond(),
              progress.etaSeconds(),
              at),
          current.stats(),
          current.changes(),
          current.error(),
          at,
          current.checkedAt(),
          current.resends(),
          current.resentAt(),
          current.triggeredBy(),
          current.hookLog(),
          current.kind());
    }
    if (payload instanceof RunRetrying retrying) {
      RunDocument base =
          current != null ? current : unknown(retrying.runId(), retrying.planId(), at);
      AttemptRecord before = base.attemptLog().get(String.valueOf(retrying.attempt()));
      return new RunDocument(
          base.runId(),
          base.planId(),
          RunStatus.RETRYING,
          base.trigger(),
          base.priority(),
          base.dryRun(),
          base.requestedAt(),
          base.scheduledAt(),
          base.startedAt(),
          base.finishedAt(),
          Math.max(base.attempts(), retrying.attempt()),
          withAttempt(
              base.attemptLog(),
              new AttemptRecord(
                  retrying.attempt(),
                  before == null ? null : before.executorId(),
                  before == null ? null : before.startedAt(),
                  at,
                  retrying.reason())),
          retrying.nextAttemptAt(),
          base.progress(),
          base.stats(),
          base.changes(),
          base.error(),
          at,
          base.checkedAt(),
          base.resends(),
          base.resentAt(),
          base.triggeredBy(),
          base.hookLog(),
          base.kind());
    }
    if (payload instanceof RunFinished finished) {
      RunDocument base =
          current != null ? current : unknown(finished.runId(), finished.planId(), at);
      return new RunDocument(
          base.runId(),
          base.planId(),
          finished.status(),
          base.trigger(),
          base.priority(),
          finished.dryRun(),
          base.requestedAt(),
          base.scheduledAt(),
          finished.startedAt() == null
              ? base.startedAt()
              : min(base.startedAt(), finished.startedAt()),
          finished.finishedAt(),
          Math.max(base.attempts(), finished.attempts()),
          base.attemptLog(),
          null,
          base.progress(),
          finished.stats(),
          finished.changes(),
          finished.error() != null ? finished.error() : base.error(),
          at,
          base.checkedAt(),
          base.resends(),
          base.resentAt(),
          base.triggeredBy(),
          base.hookLog(),
          finished.kind());
    }
    return current;
  }

  /**
   * The run as the store has it, with what this instance saw since: the stored run unless the one
   * in memory is newer, in which case the memory's status and progress are kept and what only the
   * store knew (how the run was asked for) is filled in.
   */
  static RunDocument merge(RunDocument memory, RunDocument stored) {
    if (memory == null || stored.status().isFinal()) {
      return stored;
    }
    if (memory.status().isFinal() || isAfter(memory.updatedAt(), stored.updatedAt())) {
      return new RunDocument(
          memory.runId(),
          memory.planId(),
          memory.status(),
          memory.trigger() != null ? memory.trigger() : stored.trigger(),
          memory.priority() != null ? memory.priority() : stored.priority(),
          memory.dryRun() || stored.dryRun(),
          min(memory.requestedAt(), stored.requestedAt()),
          memory.scheduledAt() != null ? memory.scheduledAt() : stored.scheduledAt(),
          min(memory.startedAt(), stored.startedAt()),
          memory.finishedAt(),
          Math.max(memory.attempts(), stored.attempts()),
          merged(stored.attemptLog(), memory.attemptLog()),
          memory.nextAttemptAt(),
          memory.progress() != null ? memory.progress() : stored.progress(),
          memory.stats(),
          memory.changes(),
          memory.error(),
          memory.updatedAt(),
          stored.checkedAt(),
          stored.resends(),
          stored.resentAt(),
          memory.triggeredBy() != null ? memory.triggeredBy() : stored.triggeredBy(),
          mergedHooks(stored.hookLog(), memory.hookLog()),
          stored.kind());
    }
    return stored;
  }

  private static RunDocument unknown(String runId, String planId, Instant at) {
    return new RunDocument(
        runId,
        planId,
        RunStatus.QUEUED,
        null,
        null,
        false,
        at,
        null,
        null,
        null,
        0,
        Map.of(),
        null,
        null,
        null,
        null,
        null,
        at,
        null,
        0,
        null,
        null,
        Map.of(),
        null);
  }

  private static RunDocument with(RunDocument run, RunStatus status, Instant updatedAt) {
    return new RunDocument(
        run.runId(),
        run.planId(),
        status,
        run.trigger(),
        run.priority(),
        run.dryRun(),
        run.requestedAt(),
        run.scheduledAt(),
        run.startedAt(),
        run.finishedAt(),
        run.attempts(),
        run.attemptLog(),
        run.nextAttemptAt(),
        run.progress(),
        run.stats(),
        run.changes(),
        run.error(),
        updatedAt,
        run.checkedAt(),
        run.resends(),
        run.resentAt(),
        run.triggeredBy(),
        run.hookLog(),
        run.kind());
  }

  private static Map<String, HookRecord> mergedHooks(
      Map<String, HookRecord> stored, Map<String, HookRecord> memory) {
    Map<String, HookRecord> merged = new HashMap<>(stored);
    merged.putAll(memory);
    return merged;
  }

  private static RunDocument withHook(RunDocument run, HookRecord hook, Instant at) {
    Map<String, HookRecord> hooks = new HashMap<>(run.hookLog());
    hooks.put(String.valueOf(hook.index()), hook);
    return new RunDocument(
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
        run.attemptLog(),
        run.nextAttemptAt(),
        run.progress(),
        run.stats(),
        run.changes(),
        run.error(),
        at,
        run.checkedAt(),
        run.resends(),
        run.resentAt(),
        run.triggeredBy(),
        hooks,
        run.kind());
  }

  private static Map<String, AttemptRecord> withAttempt(
      Map<String, AttemptRecord> log, AttemptRecord attempt) {
    Map<String, AttemptRecord> copy = new HashMap<>(log);
    copy.put(String.valueOf(attempt.attempt()), attempt);
    return copy;
  }

  private static Map<String, AttemptRecord> merged(
      Map<String, AttemptRecord> stored, Map<String, AttemptRecord> memory) {
    Map<String, AttemptRecord> copy = new HashMap<>(stored);
    copy.putAll(memory);
    return copy;
  }

  private static Instant min(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private static boolean isAfter(Instant a, Instant b) {
    return a != null && (b == null || a.isAfter(b));
  }
}
