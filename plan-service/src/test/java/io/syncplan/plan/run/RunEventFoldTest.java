package io.syncplan.plan.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.HookOn;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.HookRan;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.run.TriggeringRun;
import io.syncplan.plan.PlanServiceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Live streams show runs folded in memory from their events; the API shows runs the history wrote
 * to the store from the same events. Both must be the same run after every event, redelivered and
 * late ones included.
 */
@PlanServiceTest
class RunEventFoldTest {

  @Autowired RunHistory history;
  @Autowired ReactiveMongoTemplate mongo;

  Instant t0 = Instant.parse("2026-03-01T10:00:00Z");

  Envelope<Message> at(int second, Message payload) {
    return Envelope.wrap(UUID.randomUUID(), payload, "test", t0.plusSeconds(second));
  }

  void assertSameRunAfterEach(List<Envelope<Message>> events) {
    RunDocument memory = null;
    for (Envelope<Message> event : events) {
      history.apply(event).block(Duration.ofSeconds(10));
      memory = RunEventFold.apply(memory, event);
      RunDocument stored =
          mongo.findById(event.payload().runId(), RunDocument.class).block(Duration.ofSeconds(10));
      assertThat(comparable(memory))
          .as("after %s", event.payload().getClass().getSimpleName())
          .isEqualTo(comparable(stored));
    }
  }

  /** The run as the API shows it, with instants at the store's precision (milliseconds). */
  private static RunResponse comparable(RunDocument run) {
    RunResponse response = RunResponse.of(run);
    return new RunResponse(
        response.runId(),
        response.planId(),
        response.status(),
        response.trigger(),
        response.priority(),
        response.dryRun(),
        ms(response.requestedAt()),
        ms(response.scheduledAt()),
        ms(response.startedAt()),
        ms(response.finishedAt()),
        response.attempts(),
        response.attemptLog().stream()
            .map(
                a ->
                    new AttemptRecord(
                        a.attempt(),
                        a.executorId(),
                        ms(a.startedAt()),
                        ms(a.endedAt()),
                        a.failure()))
            .toList(),
        ms(response.nextAttemptAt()),
        response.progress() == null
            ? null
            : new ProgressRecord(
                response.progress().bytesDone(),
                response.progress().bytesTotal(),
                response.progress().filesDone(),
                response.progress().filesTotal(),
                response.progress().speedBytesPerSecond(),
                response.progress().etaSeconds(),
                ms(response.progress().at())),
        response.stats(),
        response.changes(),
        response.error(),
        ms(response.updatedAt()),
        response.triggeredBy(),
        response.hooks(),
        response.kind());
  }

  private static Instant ms(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void aRunThatRetriesAndSucceedsIsTheSameInMemoryAsInTheStore() {
    String run = "fold-" + UUID.randomUUID();
    String plan = "plan-fold";
    assertSameRunAfterEach(
        List.of(
            at(0, new RunQueued(run, plan, RunTrigger.SCHEDULE, t0, Priority.NORMAL, false)),
            at(1, new RunStarted(run, plan, 1, "executor-1", t0.plusSeconds(1))),
            at(2, new RunProgress(run, plan, 10, 100, 1, 10, 5.0, 18L)),
            at(3, new RunRetrying(run, plan, 1, 3, "timeout", t0.plusSeconds(33))),
            at(33, new RunStarted(run, plan, 2, "executor-2", t0.plusSeconds(33))),
            at(34, new RunProgress(run, plan, 100, 100, 10, 10, 50.0, 0L)),
            at(
                35,
                new RunFinished(
                    run,
                    plan,
                    RunStatus.SUCCEEDED,
                    t0.plusSeconds(1),
                    t0.plusSeconds(35),
                    2,
                    false,
                    new RunStats(10, 0, 0, 0, 100, 0, 0),
                    new RunChanges(List.of("a"), List.of(), List.of(), List.of(), 0),
                    null)),
            // redelivered and late events change nothing
            at(36, new RunStarted(run, plan, 2, "executor-2", t0.plusSeconds(33))),
            at(37, new RunProgress(run, plan, 50, 100, 5, 10, 1.0, 9L))));
  }

  @Test
  void aRunsHookOutcomesAreTheSameInMemoryAsInTheStoreAndShownInThePlansOrder() {
    String run = "fold-" + UUID.randomUUID();
    String plan = "plan-fold";
    HookRan before =
        new HookRan(
            run,
            plan,
            0,
            HookOn.BEFORE,
            "snapshot-db",
            "SUCCEEDED",
            1200,
            0,
            null,
            List.of("ok"),
            null,
            null);
    HookRan after =
        new HookRan(
            run,
            plan,
            1,
            HookOn.AFTER,
            "notify-team",
            "FAILED",
            300,
            2,
            "exited with 2",
            List.of("no route to host"),
            null,
            null);
    assertSameRunAfterEach(
        List.of(
            at(0, new RunQueued(run, plan, RunTrigger.MANUAL, t0, Priority.NORMAL, false)),
            at(1, before),
            at(2, new RunStarted(run, plan, 1, "executor-1", t0.plusSeconds(2))),
            at(5, after),
            at(
                6,
                new RunFinished(
                    run,
                    plan,
                    RunStatus.SUCCEEDED,
                    t0.plusSeconds(2),
                    t0.plusSeconds(6),
                    1,
                    false,
                    null,
                    null,
                    null)),
            // a late copy changes nothing once the run is final
            at(7, before)));
    RunDocument stored = mongo.findById(run, RunDocument.class).block(Duration.ofSeconds(10));
    assertThat(RunResponse.of(stored).hooks())
        .extracting(HookRecord::index, HookRecord::status, HookRecord::exitCode)
        .containsExactly(tuple(0, "SUCCEEDED", 0), tuple(1, "FAILED", 2));
    assertThat(RunResponse.of(stored).hooks().get(1).output()).containsExactly("no route to host");
  }

  @Test
  void aChainedRunKeepsTheRunThatTriggeredItInMemoryAsInTheStore() {
    String run = "fold-" + UUID.randomUUID();
    String plan = "plan-fold";
    TriggeringRun cause = new TriggeringRun("plan-before", "plan-before-run", RunStatus.SUCCEEDED);
    assertSameRunAfterEach(
        List.of(
            at(0, new RunQueued(run, plan, RunTrigger.CHAINED, t0, Priority.NORMAL, false, cause)),
            at(1, new RunStarted(run, plan, 1, "executor-1", t0.plusSeconds(1))),
            at(
                2,
                new RunFinished(
                    run,
                    plan,
                    RunStatus.SUCCEEDED,
                    t0.plusSeconds(1),
                    t0.plusSeconds(2),
                    1,
                    false,
                    null,
                    null,
                    null))));
    RunDocument stored = mongo.findById(run, RunDocument.class).block(Duration.ofSeconds(10));
    assertThat(stored.trigger()).isEqualTo(RunTrigger.CHAINED);
    assertThat(stored.triggeredBy()).isEqualTo(cause);
  }

  @Test
  void aRunFirstSeenRunningThatFailsIsTheSameInMemoryAsInTheStore() {
    String run = "fold-" + UUID.randomUUID();
    String plan = "plan-fold";
    assertSameRunAfterEach(
        List.of(
            at(1, new RunStarted(run, plan, 1, "executor-1", t0.plusSeconds(1))),
            at(2, new RunProgress(run, plan, 10, 100, 1, 10, 5.0, null)),
            at(
                5,
                new RunFinished(
                    run,
                    plan,
                    RunStatus.FAILED,
                    t0.plusSeconds(1),
                    t0.plusSeconds(5),
                    1,
                    false,
                    null,
                    null,
                    new RunError("RCLONE_ERROR", "directory not found", 3, List.of("x")))),
            at(6, new RunQueued(run, plan, RunTrigger.MANUAL, t0, Priority.HIGH, false))));
  }
}
