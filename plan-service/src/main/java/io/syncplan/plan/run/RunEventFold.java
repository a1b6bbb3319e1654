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
        return current.toBuilder().updatedAt(at).build();
      }
      return RunDocument.queued(
              queued.runId(),
              queued.planId(),
              queued.trigger(),
              queued.priority(),
              queued.dryRun(),
              at,
              queued.kind())
          .toBuilder()
          .scheduledAt(queued.scheduledAt())
          .triggeredBy(queued.triggeredBy())
          .build();
    }
    if (current != null && current.status().isFinal()) {
      return current;
    }
    if (payload instanceof HookRan ran) {
      RunDocument base = current != null ? current : unknown(ran.runId(), ran.planId(), at);
      return base.toBuilder()
          .hookLog(withHook(base.hookLog(), HookRecord.of(ran)))
          .updatedAt(at)
          .build();
    }
    if (payload instanceof RunStarted started) {
      RunDocument base = current != null ? current : unknown(started.runId(), started.planId(), at);
      AttemptRecord before = base.attemptLog().get(String.valueOf(started.attempt()));
      return base.toBuilder()
          .status(RunStatus.RUNNING)
          .startedAt(min(base.startedAt(), started.startedAt()))
          .attempts(Math.max(base.attempts(), started.attempt()))
          .attemptLog(
              withAttempt(
                  base.attemptLog(),
                  new AttemptRecord(
                      started.attempt(),
                      started.executorId(),
                      started.startedAt(),
                      before == null ? null : before.endedAt(),
                      before == null ? null : before.failure())))
          .nextAttemptAt(null)
          .updatedAt(at)
          .build();
    }
    if (payload instanceof RunProgress progress) {
      if (current == null) {
        return null;
      }
      return current.toBuilder().progress(ProgressRecord.of(progress, at)).updatedAt(at).build();
    }
    if (payload instanceof RunRetrying retrying) {
      RunDocument base =
          current != null ? current : unknown(retrying.runId(), retrying.planId(), at);
      AttemptRecord before = base.attemptLog().get(String.valueOf(retrying.attempt()));
      return base.toBuilder()
          .status(RunStatus.RETRYING)
          .attempts(Math.max(base.attempts(), retrying.attempt()))
          .attemptLog(
              withAttempt(
                  base.attemptLog(),
                  new AttemptRecord(
                      retrying.attempt(),
                      before == null ? null : before.executorId(),
                      before == null ? null : before.startedAt(),
                      at,
                      retrying.reason())))
          .nextAttemptAt(retrying.nextAttemptAt())
          .updatedAt(at)
          .build();
    }
    if (payload instanceof RunFinished finished) {
      RunDocument base =
          current != null ? current : unknown(finished.runId(), finished.planId(), at);
      return base.toBuilder()
          .status(finished.status())
          .dryRun(finished.dryRun())
          .startedAt(
              finished.startedAt() == null
                  ? base.startedAt()
                  : min(base.startedAt(), finished.startedAt()))
          .finishedAt(finished.finishedAt())
          .attempts(Math.max(base.attempts(), finished.attempts()))
          .nextAttemptAt(null)
          .stats(finished.stats())
          .changes(finished.changes())
          .error(finished.error() != null ? finished.error() : base.error())
          .updatedAt(at)
          .kind(finished.kind())
          .build();
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
      // what only the reconciliation writes (checkedAt, resends, resentAt) and the kind it was
      // asked for come from the store
      return stored.toBuilder()
          .status(memory.status())
          .trigger(memory.trigger() != null ? memory.trigger() : stored.trigger())
          .priority(memory.priority() != null ? memory.priority() : stored.priority())
          .dryRun(memory.dryRun() || stored.dryRun())
          .requestedAt(min(memory.requestedAt(), stored.requestedAt()))
          .scheduledAt(memory.scheduledAt() != null ? memory.scheduledAt() : stored.scheduledAt())
          .startedAt(min(memory.startedAt(), stored.startedAt()))
          .finishedAt(memory.finishedAt())
          .attempts(Math.max(memory.attempts(), stored.attempts()))
          .attemptLog(merged(stored.attemptLog(), memory.attemptLog()))
          .nextAttemptAt(memory.nextAttemptAt())
          .progress(memory.progress() != null ? memory.progress() : stored.progress())
          .stats(memory.stats())
          .changes(memory.changes())
          .error(memory.error())
          .updatedAt(memory.updatedAt())
          .triggeredBy(memory.triggeredBy() != null ? memory.triggeredBy() : stored.triggeredBy())
          .hookLog(merged(stored.hookLog(), memory.hookLog()))
          .build();
    }
    return stored;
  }

  /** A run first seen by an event after its queued one (that one late or lost). */
  private static RunDocument unknown(String runId, String planId, Instant at) {
    return RunDocument.queued(runId, planId, null, null, false, at, null).toBuilder()
        .scheduledAt(null)
        .build();
  }

  private static Map<String, HookRecord> withHook(Map<String, HookRecord> log, HookRecord hook) {
    Map<String, HookRecord> copy = new HashMap<>(log);
    copy.put(String.valueOf(hook.index()), hook);
    return copy;
  }

  private static Map<String, AttemptRecord> withAttempt(
      Map<String, AttemptRecord> log, AttemptRecord attempt) {
    Map<String, AttemptRecord> copy = new HashMap<>(log);
    copy.put(String.valueOf(attempt.attempt()), attempt);
    return copy;
  }

  /** The stored entries with the memory's on top. */
  private static <T> Map<String, T> merged(Map<String, T> stored, Map<String, T> memory) {
    Map<String, T> copy = new HashMap<>(stored);
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
