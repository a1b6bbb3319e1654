package io.syncplan.scheduler;

import static io.syncplan.scheduler.schedule.PlanFixtures.after;
import static io.syncplan.scheduler.schedule.PlanFixtures.chained;
import static io.syncplan.scheduler.schedule.PlanFixtures.everyMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.run.TriggeringRun;
import io.syncplan.scheduler.schedule.RunIds;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.MutableClock;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Chains: the end of one plan's run starts the plans listed after it, through the scheduler, with
 * one run id per triggering run, respecting pauses and overlap policies.
 */
@WithKafkaAndMongo
@SpringBootTest(
    classes = {SchedulerServiceApplication.class, ChainingTest.Clocks.class},
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.config.name=" + SchedulerServiceApplication.CONFIG_NAME,
      "spring.application.name=chaining-test",
      "spring.mongodb.database=chaining-test",
      "syncplan.scheduler.tick=50ms",
      "syncplan.scheduler.lease=1s",
      "syncplan.scheduler.lease-renewal=200ms"
    })
@DirtiesContext
class ChainingTest {

  static final String POOL = "chaining-test";
  static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-26T10:00:30Z"));
  static final Set<RunOutcome> ON_SUCCESS = Set.of(RunOutcome.SUCCESS);
  static KafkaRecorder recorder;
  static TestEvents events;

  @TestConfiguration
  static class Clocks {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @Autowired ScheduleBook book;
  @Autowired MeterRegistry meters;
  @Autowired CommandTopics commandTopics;
  final List<String> created = new ArrayList<>();

  @BeforeEach
  void connect(TestInfrastructure infrastructure) {
    if (recorder == null) {
      commandTopics.ensure(POOL).block();
      recorder = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.commands(POOL));
      events = new TestEvents(infrastructure.bootstrapServers());
    }
  }

  @AfterEach
  void deletePlans() {
    events.tombstones(created);
    await().until(() -> created.stream().allMatch(id -> book.get(id) == null));
  }

  @AfterAll
  static void close() {
    if (recorder != null) {
      recorder.close();
      events.close();
    }
  }

  static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20));
  }

  private String newPlan(ScheduleSpec schedule, TriggerSpec trigger) {
    String id = UUID.randomUUID().toString();
    created.add(id);
    events.plan(
        PlanChange.CREATED, chained(id, 1, schedule, false, CLOCK.instant(), POOL, trigger));
    await().until(() -> book.get(id) != null);
    return id;
  }

  private void pause(String id, ScheduleSpec schedule, TriggerSpec trigger, boolean paused) {
    long version = book.get(id).planVersion() + 1;
    events.plan(
        paused ? PlanChange.PAUSED : PlanChange.RESUMED,
        chained(id, version, schedule, paused, CLOCK.instant(), POOL, trigger));
    await().until(() -> book.get(id).planVersion() == version);
  }

  private static List<RunRequested> commands(String planId) {
    return recorder
        .envelopes(e -> e.planId().equals(planId) && e.payload() instanceof RunRequested)
        .stream()
        .map(e -> (RunRequested) e.payload())
        .toList();
  }

  private static RunFinished ended(String planId, String runId, RunStatus status, boolean dryRun) {
    Instant at = CLOCK.instant();
    return new RunFinished(runId, planId, status, at, at, 1, dryRun, null, null, null);
  }

  private double chainedCount(String result) {
    var counter = meters.find("syncplan.scheduler.chained").tag("result", result).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aRunStartsThePlansChainedOnItsOutcomeOnceWithTheRunThatTriggeredIt() {
    String first = newPlan(everyMinutes(60, OverlapPolicy.SKIP), null);
    String onSuccess = newPlan(null, after(ON_SUCCESS, first));
    String onFailure = newPlan(null, after(Set.of(RunOutcome.FAILURE), first));

    events.runEvent(ended(first, "first-run-1", RunStatus.SUCCEEDED, false));

    await().until(() -> commands(onSuccess).size() == 1);
    RunRequested command = commands(onSuccess).get(0);
    assertThat(command.runId()).isEqualTo(RunIds.chained(onSuccess, "first-run-1"));
    assertThat(command.runId()).isEqualTo(onSuccess + "-after-first-run-1");
    assertThat(command.trigger()).isEqualTo(RunTrigger.CHAINED);
    assertThat(command.triggeredBy())
        .isEqualTo(new TriggeringRun(first, "first-run-1", RunStatus.SUCCEEDED));
    assertThat(command.plan().id()).isEqualTo(onSuccess);
    assertThat(command.dryRun()).isFalse();

    // the same event again (redelivered), then a failure: only the failure starts something
    events.runEvent(ended(first, "first-run-1", RunStatus.SUCCEEDED, false));
    events.runEvent(ended(first, "first-run-2", RunStatus.FAILED, false));
    await().until(() -> commands(onFailure).size() == 1);
    assertThat(commands(onFailure).get(0).runId())
        .isEqualTo(RunIds.chained(onFailure, "first-run-2"));
    assertThat(commands(onSuccess)).hasSize(1);
  }

  @Test
  void aPausedPlanABusyOneUnderSkipAndADryRunStartNothing() {
    String first = newPlan(null, null);
    TriggerSpec trigger = after(ON_SUCCESS, first);
    String next = newPlan(null, trigger);
    double paused = chainedCount("paused");
    double overlap = chainedCount("overlap");

    pause(next, null, trigger, true);
    events.runEvent(ended(first, "busy-run-1", RunStatus.SUCCEEDED, false));
    await().until(() -> chainedCount("paused") == paused + 1);

    pause(next, null, trigger, false);
    String manual = "manual-" + UUID.randomUUID();
    events.runQueued(next, manual, CLOCK.instant());
    await().until(() -> book.get(next).activity().isRunning(manual));
    events.runEvent(ended(first, "busy-run-2", RunStatus.SUCCEEDED, false));
    await().until(() -> chainedCount("overlap") == overlap + 1);

    events.runFinished(next, manual, CLOCK.instant());
    events.runEvent(ended(first, "busy-run-3", RunStatus.SUCCEEDED, true));
    events.runEvent(ended(first, "busy-run-4", RunStatus.SUCCEEDED, false));
    await().until(() -> commands(next).size() == 1);
    assertThat(commands(next).get(0).runId()).isEqualTo(RunIds.chained(next, "busy-run-4"));
  }

  @Test
  void underQueueOneAChainedRunWaitsForTheActiveOneAndAFurtherOneIsSkipped() {
    String first = newPlan(null, null);
    String next = newPlan(everyMinutes(60, OverlapPolicy.QUEUE_ONE), after(ON_SUCCESS, first));
    String manual = "manual-" + UUID.randomUUID();
    events.runQueued(next, manual, CLOCK.instant());
    await().until(() -> book.get(next).activity().isRunning(manual));
    double overlap = chainedCount("overlap");

    events.runEvent(ended(first, "queue-run-1", RunStatus.SUCCEEDED, false));
    events.runEvent(ended(first, "queue-run-2", RunStatus.SUCCEEDED, false));

    await().until(() -> chainedCount("overlap") == overlap + 1);
    assertThat(commands(next))
        .extracting(RunRequested::runId)
        .containsExactly(RunIds.chained(next, "queue-run-1"));
  }

  @Test
  void aChainAroundACycleIsNotFollowed() {
    String a = UUID.randomUUID().toString();
    String b = newPlan(null, after(ON_SUCCESS, a));
    created.add(a);
    // plan-service refuses a cycle; two plans saved at one moment could still close one
    events.plan(
        PlanChange.CREATED,
        chained(a, 1, null, false, CLOCK.instant(), POOL, after(ON_SUCCESS, b)));
    await().until(() -> book.get(a) != null);
    double cycles = chainedCount("cycle");

    events.runEvent(ended(a, "cycle-run-1", RunStatus.SUCCEEDED, false));

    await().until(() -> chainedCount("cycle") == cycles + 1);
    assertThat(commands(b)).isEmpty();
  }

  @Test
  void aChainedRunsIdStaysShortAlongALongChain() {
    String id = UUID.randomUUID().toString();
    String run = RunIds.scheduled(id, CLOCK.instant());
    for (int link = 0; link < 20; link++) {
      run = RunIds.chained(UUID.randomUUID().toString(), run);
      assertThat(run.length()).isLessThanOrEqualTo(36 + "-after-".length() + 56);
    }
    assertThat(RunIds.chained("p", run)).isEqualTo(RunIds.chained("p", run));
  }
}
