package io.syncplan.scheduler;

import static io.syncplan.scheduler.PoolUnderTest.await;
import static io.syncplan.scheduler.schedule.PlanFixtures.after;
import static io.syncplan.scheduler.schedule.PlanFixtures.chained;
import static io.syncplan.scheduler.schedule.PlanFixtures.everyMinutes;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
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
import io.syncplan.testsupport.MutableClock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Chains: the end of one plan's run starts the plans listed after it, through the scheduler, with
 * one run id per triggering run, respecting pauses and overlap policies.
 */
@OneScheduler
@TestPropertySource(
    properties = {"spring.application.name=chaining-test", "spring.mongodb.database=chaining-test"})
class ChainingTest {

  static final Set<RunOutcome> ON_SUCCESS = Set.of(RunOutcome.SUCCESS);

  @RegisterExtension static final PoolUnderTest pool = new PoolUnderTest("chaining-test");

  @Autowired ScheduleBook book;
  @Autowired MeterRegistry meters;
  @Autowired MutableClock clock;

  private String newPlan(ScheduleSpec schedule, TriggerSpec trigger) {
    String id = UUID.randomUUID().toString();
    pool.made(id);
    pool.events()
        .plan(
            PlanChange.CREATED,
            chained(id, 1, schedule, false, clock.instant(), pool.name(), trigger));
    await().until(() -> book.get(id) != null);
    return id;
  }

  private void pause(String id, ScheduleSpec schedule, TriggerSpec trigger, boolean paused) {
    long version = book.get(id).planVersion() + 1;
    pool.events()
        .plan(
            paused ? PlanChange.PAUSED : PlanChange.RESUMED,
            chained(id, version, schedule, paused, clock.instant(), pool.name(), trigger));
    await().until(() -> book.get(id).planVersion() == version);
  }

  private RunFinished ended(String planId, String runId, RunStatus status, boolean dryRun) {
    Instant at = clock.instant();
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

    pool.events().runEvent(ended(first, "first-run-1", RunStatus.SUCCEEDED, false));

    await().until(() -> pool.commands(onSuccess).size() == 1);
    RunRequested command = pool.commands(onSuccess).get(0);
    assertThat(command.runId()).isEqualTo(RunIds.chained(onSuccess, "first-run-1"));
    assertThat(command.runId()).isEqualTo(onSuccess + "-after-first-run-1");
    assertThat(command.trigger()).isEqualTo(RunTrigger.CHAINED);
    assertThat(command.triggeredBy())
        .isEqualTo(new TriggeringRun(first, "first-run-1", RunStatus.SUCCEEDED));
    assertThat(command.plan().id()).isEqualTo(onSuccess);
    assertThat(command.dryRun()).isFalse();

    // the same event again (redelivered), then a failure: only the failure starts something
    pool.events().runEvent(ended(first, "first-run-1", RunStatus.SUCCEEDED, false));
    pool.events().runEvent(ended(first, "first-run-2", RunStatus.FAILED, false));
    await().until(() -> pool.commands(onFailure).size() == 1);
    assertThat(pool.commands(onFailure).get(0).runId())
        .isEqualTo(RunIds.chained(onFailure, "first-run-2"));
    assertThat(pool.commands(onSuccess)).hasSize(1);
  }

  @Test
  void aPausedPlanABusyOneUnderSkipAndADryRunStartNothing() {
    String first = newPlan(null, null);
    TriggerSpec trigger = after(ON_SUCCESS, first);
    String next = newPlan(null, trigger);
    double paused = chainedCount("paused");
    double overlap = chainedCount("overlap");

    pause(next, null, trigger, true);
    pool.events().runEvent(ended(first, "busy-run-1", RunStatus.SUCCEEDED, false));
    await().until(() -> chainedCount("paused") == paused + 1);

    pause(next, null, trigger, false);
    String manual = "manual-" + UUID.randomUUID();
    pool.events().runQueued(next, manual, clock.instant());
    await().until(() -> book.get(next).activity().isRunning(manual));
    pool.events().runEvent(ended(first, "busy-run-2", RunStatus.SUCCEEDED, false));
    await().until(() -> chainedCount("overlap") == overlap + 1);

    pool.events().runFinished(next, manual, clock.instant());
    pool.events().runEvent(ended(first, "busy-run-3", RunStatus.SUCCEEDED, true));
    pool.events().runEvent(ended(first, "busy-run-4", RunStatus.SUCCEEDED, false));
    await().until(() -> pool.commands(next).size() == 1);
    assertThat(pool.commands(next).get(0).runId()).isEqualTo(RunIds.chained(next, "busy-run-4"));
  }

  @Test
  void underQueueOneAChainedRunWaitsForTheActiveOneAndAFurtherOneIsSkipped() {
    String first = newPlan(null, null);
    String next = newPlan(everyMinutes(60, OverlapPolicy.QUEUE_ONE), after(ON_SUCCESS, first));
    String manual = "manual-" + UUID.randomUUID();
    pool.events().runQueued(next, manual, clock.instant());
    await().until(() -> book.get(next).activity().isRunning(manual));
    double overlap = chainedCount("overlap");

    pool.events().runEvent(ended(first, "queue-run-1", RunStatus.SUCCEEDED, false));
    pool.events().runEvent(ended(first, "queue-run-2", RunStatus.SUCCEEDED, false));

    await().until(() -> chainedCount("overlap") == overlap + 1);
    assertThat(pool.commands(next))
        .extracting(RunRequested::runId)
        .containsExactly(RunIds.chained(next, "queue-run-1"));
  }

  @Test
  void aChainAroundACycleIsNotFollowed() {
    String a = UUID.randomUUID().toString();
    String b = newPlan(null, after(ON_SUCCESS, a));
    pool.made(a);
    // plan-service refuses a cycle; two plans saved at one moment could still close one
    pool.events()
        .plan(
            PlanChange.CREATED,
            chained(a, 1, null, false, clock.instant(), pool.name(), after(ON_SUCCESS, b)));
    await().until(() -> book.get(a) != null);
    double cycles = chainedCount("cycle");

    pool.events().runEvent(ended(a, "cycle-run-1", RunStatus.SUCCEEDED, false));

    await().until(() -> chainedCount("cycle") == cycles + 1);
    assertThat(pool.commands(b)).isEmpty();
  }

  @Test
  void aChainedRunsIdStaysShortAlongALongChain() {
    String id = UUID.randomUUID().toString();
    String run = RunIds.scheduled(id, clock.instant());
    for (int link = 0; link < 20; link++) {
      run = RunIds.chained(UUID.randomUUID().toString(), run);
      assertThat(run.length()).isLessThanOrEqualTo(36 + "-after-".length() + 56);
    }
    assertThat(RunIds.chained("p", run)).isEqualTo(RunIds.chained("p", run));
  }
}
