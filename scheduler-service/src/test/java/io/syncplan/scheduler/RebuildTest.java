package io.syncplan.scheduler;

import static io.syncplan.scheduler.schedule.PlanFixtures.everyMinutes;
import static io.syncplan.scheduler.schedule.PlanFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.RunIds;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.MutableClock;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scheduler that restarts, or starts afresh with an empty database, picks the schedules up where
 * they were: no fire is sent twice, none is lost.
 */
@WithKafkaAndMongo
class RebuildTest {

  static final String POOL = "rebuild-test";
  static final int PLANS = 50;
  static final Instant FIRST = Instant.parse("2026-11-26T10:01:00Z");
  static final Instant SECOND = FIRST.plusSeconds(60);

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:30Z"));
  final List<SchedulerInstance> instances = new ArrayList<>();
  final List<String> planIds =
      IntStream.range(0, PLANS).mapToObj(i -> "rebuild-" + UUID.randomUUID()).toList();
  TestEvents events;
  KafkaRecorder recorder;

  @BeforeEach
  void connect(TestInfrastructure infrastructure) {
    events = new TestEvents(infrastructure.bootstrapServers());
  }

  @AfterEach
  void cleanUp() {
    instances.forEach(SchedulerInstance::close);
    events.tombstones(planIds);
    events.close();
    if (recorder != null) {
      recorder.close();
    }
  }

  private SchedulerInstance start(String name, String database, TestInfrastructure infrastructure) {
    SchedulerInstance instance = SchedulerInstance.start(name, database, clock);
    instances.add(instance);
    if (recorder == null) {
      instance.bean(CommandTopics.class).ensure(POOL).block();
      recorder = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.commands(POOL));
    }
    return instance;
  }

  private static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50));
  }

  private void createPlans() {
    List<PlanSnapshot> plans =
        planIds.stream()
            .map(
                id ->
                    plan(
                        id,
                        1,
                        everyMinutes(1, OverlapPolicy.SKIP),
                        false,
                        clock.instant(),
                        POOL,
                        Priority.NORMAL))
            .toList();
    events.plans(PlanChange.CREATED, plans);
  }

  private List<RunRequested> commands(Instant scheduledAt) {
    return recorder.envelopes().stream()
        .map(Envelope::payload)
        .filter(RunRequested.class::isInstance)
        .map(RunRequested.class::cast)
        .filter(c -> planIds.contains(c.planId()) && c.scheduledAt().equals(scheduledAt))
        .toList();
  }

  /** Fires the first minute on {@code instance}, lets the runs finish and the state settle. */
  private void fireFirstMinute(SchedulerInstance instance) {
    await().until(() -> planIds.stream().allMatch(id -> nextIs(instance, id, FIRST)));
    clock.set(FIRST.plusMillis(10));
    await().until(() -> commands(FIRST).size() == PLANS);
    events.runsFinished(
        commands(FIRST).stream()
            .map(c -> TestEvents.succeeded(c.planId(), c.runId(), FIRST))
            .toList());
    await()
        .until(
            () ->
                planIds.stream()
                    .allMatch(
                        id -> {
                          PlanSchedule schedule = instance.book().get(id);
                          return schedule.activity().isEmpty()
                              && !schedule.needsPublishing()
                              && SECOND.equals(schedule.nextFireAt());
                        }));
  }

  private static boolean nextIs(SchedulerInstance instance, String planId, Instant next) {
    PlanSchedule schedule = instance.book().get(planId);
    return schedule != null && next.equals(schedule.nextFireAt());
  }

  @Test
  void restartedSchedulerNeitherRepeatsNorLosesFires(TestInfrastructure infrastructure) {
    SchedulerInstance first = start("rebuild-restart", "rebuild-restart", infrastructure);
    createPlans();
    fireFirstMinute(first);
    first.close();

    // The next minute comes while no scheduler runs; the restarted one sends it on start.
    clock.set(SECOND.plusSeconds(5));
    start("rebuild-restart", "rebuild-restart", infrastructure);

    await().until(() -> commands(SECOND).size() == PLANS);
    assertThat(commands(FIRST)).hasSize(PLANS);
    assertThat(commands(SECOND))
        .extracting(RunRequested::runId)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(
            planIds.stream().map(id -> RunIds.scheduled(id, SECOND)).toList());
  }

  @Test
  void schedulerWithEmptyDatabaseRebuildsFromCompactedTopicsWithoutRepeatingFires(
      TestInfrastructure infrastructure) {
    SchedulerInstance first = start("rebuild-fresh", "rebuild-fresh-1", infrastructure);
    createPlans();
    fireFirstMinute(first);
    first.close();

    // Same consumer groups (their offsets are at the end) but a new, empty database: the schedules
    // come back from the start of the plan events, and their progress from the schedule events.
    clock.set(FIRST.plusSeconds(30));
    SchedulerInstance rebuilt = start("rebuild-fresh", "rebuild-fresh-2", infrastructure);
    await().until(() -> planIds.stream().allMatch(id -> nextIs(rebuilt, id, SECOND)));
    assertThat(commands(FIRST)).hasSize(PLANS);

    clock.set(SECOND.plusMillis(10));
    await().until(() -> commands(SECOND).size() == PLANS);
    assertThat(commands(FIRST)).hasSize(PLANS);
    assertThat(commands(SECOND)).extracting(RunRequested::runId).doesNotHaveDuplicates();
  }
}
