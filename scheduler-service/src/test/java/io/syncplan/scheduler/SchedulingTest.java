package io.syncplan.scheduler;

import static io.syncplan.scheduler.PoolUnderTest.await;
import static io.syncplan.scheduler.schedule.PlanFixtures.everyMinutes;
import static io.syncplan.scheduler.schedule.PlanFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.schedule.ScheduleUpdated;
import io.syncplan.scheduler.schedule.RunIds;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.testsupport.MutableClock;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * One scheduler against a real Kafka broker and MongoDB, with a clock the tests move. Each test
 * deletes its plans afterwards, so the counters a test reads move only for its own plans.
 */
@OneScheduler
@TestPropertySource(
    properties = {
      "spring.application.name=scheduling-test",
      "spring.mongodb.database=scheduling-test"
    })
class SchedulingTest {

  @RegisterExtension
  static final PoolUnderTest pool = new PoolUnderTest("scheduling-test", Topics.SCHEDULE_EVENTS);

  @Autowired ScheduleBook book;
  @Autowired MeterRegistry meters;
  @Autowired io.micrometer.prometheusmetrics.PrometheusMeterRegistry prometheus;
  @Autowired MutableClock clock;

  private String newPlan(ScheduleSpec schedule, Priority priority) {
    String id = UUID.randomUUID().toString();
    pool.made(id);
    pool.events()
        .plan(
            PlanChange.CREATED,
            plan(id, 1, schedule, false, clock.instant(), pool.name(), priority));
    return id;
  }

  private void change(
      PlanChange change, String id, long version, ScheduleSpec schedule, boolean paused) {
    pool.events()
        .plan(
            change,
            plan(id, version, schedule, paused, clock.instant(), pool.name(), Priority.NORMAL));
  }

  private Instant nextMinute() {
    return clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
  }

  private ScheduleUpdated latestUpdate(String planId) {
    List<Envelope<Message>> updates =
        pool.recorder()
            .envelopes(e -> e.planId().equals(planId) && e.payload() instanceof ScheduleUpdated);
    return updates.isEmpty() ? null : (ScheduleUpdated) updates.get(updates.size() - 1).payload();
  }

  /** Waits until the plan API would show {@code expected} as the plan's next run. */
  private ScheduleUpdated awaitNextRun(String planId, Instant expected) {
    await()
        .until(
            () -> {
              ScheduleUpdated latest = latestUpdate(planId);
              return latest != null && Objects.equals(latest.nextFireAt(), expected);
            });
    return latestUpdate(planId);
  }

  private List<RunRequested> awaitCommands(String planId, int count) {
    await().until(() -> pool.commands(planId).size() >= count);
    return pool.commands(planId);
  }

  private double count(String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void duePlanGetsOneRunCommandWithDeterministicRunIdAndPlanPriority() {
    String id = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.HIGH);
    Instant due = nextMinute();
    assertThat(awaitNextRun(id, due).planVersion()).isEqualTo(1);

    clock.set(due.plusMillis(10));

    RunRequested command = awaitCommands(id, 1).get(0);
    assertThat(command.runId()).isEqualTo(RunIds.scheduled(id, due));
    assertThat(command.trigger()).isEqualTo(RunTrigger.SCHEDULE);
    assertThat(command.scheduledAt()).isEqualTo(due);
    assertThat(command.priority()).isEqualTo(Priority.HIGH);
    assertThat(command.plan().id()).isEqualTo(id);
    ScheduleUpdated after = awaitNextRun(id, due.plusSeconds(60));
    assertThat(after.lastFiredAt()).isEqualTo(due);
    assertThat(pool.commands(id)).hasSize(1);
  }

  @Test
  void pausedPlanNeverFiresAndShowsNoNextRun() {
    String paused = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    String marker = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    Instant due = nextMinute();
    awaitNextRun(paused, due);
    awaitNextRun(marker, due);

    change(PlanChange.PAUSED, paused, 2, everyMinutes(1, OverlapPolicy.SKIP), true);
    awaitNextRun(paused, null);
    clock.set(due.plusSeconds(1));

    awaitCommands(marker, 1);
    awaitNextRun(marker, due.plusSeconds(60));
    assertThat(pool.commands(paused)).isEmpty();
    assertThat(book.get(paused).progress().lastFiredAt()).isNull();
  }

  @Test
  void operatorGaugesShowTheFiringReplicaAndThePlansItWillFire() {
    await().until(() -> gauge("syncplan.scheduler.leader") == 1);
    double before = gauge("syncplan.scheduler.schedules");
    String paused = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    await().until(() -> gauge("syncplan.scheduler.schedules") == before + 2);

    change(PlanChange.PAUSED, paused, 2, everyMinutes(1, OverlapPolicy.SKIP), true);

    await().until(() -> gauge("syncplan.scheduler.schedules") == before + 1);
    // the consumer lag of both batch listeners, whose factory the scheduler builds itself
    String lagMax =
        "kafka_consumer_fetch_manager_records_lag_max\\{client_id=\"consumer-[a-z-]+\\.";
    assertThat(prometheus.scrape())
        .containsPattern(lagMax + "plan-events-")
        .containsPattern(lagMax + "run-events-");
  }

  private double gauge(String name) {
    var gauge = meters.find(name).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  @Test
  void deletedPlanStopsFiringAndShowsNoNextRun() {
    String deleted = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    String marker = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    Instant due = nextMinute();
    awaitNextRun(deleted, due);
    awaitNextRun(marker, due);

    change(PlanChange.DELETED, deleted, 2, everyMinutes(1, OverlapPolicy.SKIP), false);
    pool.events().tombstones(List.of(deleted));
    awaitNextRun(deleted, null);
    await().until(() -> book.get(deleted) == null);
    clock.set(due.plusSeconds(1));

    awaitCommands(marker, 1);
    awaitNextRun(marker, due.plusSeconds(60));
    assertThat(pool.commands(deleted)).isEmpty();
  }

  @Test
  void resumedPlanFiresFromItsResumptionWithoutMakingUpThePause() {
    String id = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    awaitNextRun(id, nextMinute());
    change(PlanChange.PAUSED, id, 2, everyMinutes(1, OverlapPolicy.SKIP), true);
    awaitNextRun(id, null);

    clock.advance(Duration.ofMinutes(10));
    change(PlanChange.RESUMED, id, 3, everyMinutes(1, OverlapPolicy.SKIP), false);
    Instant due = nextMinute();
    awaitNextRun(id, due);
    clock.set(due.plusMillis(10));

    assertThat(awaitCommands(id, 1)).extracting(RunRequested::scheduledAt).containsExactly(due);
    awaitNextRun(id, due.plusSeconds(60));
    assertThat(pool.commands(id)).hasSize(1);
  }

  @Test
  void olderPlanEventDoesNotOverwriteNewerSchedule() {
    String id = UUID.randomUUID().toString();
    pool.made(id);
    change(PlanChange.PAUSED, id, 2, everyMinutes(1, OverlapPolicy.SKIP), true);
    awaitNextRun(id, null);
    change(PlanChange.CREATED, id, 1, everyMinutes(1, OverlapPolicy.SKIP), false);
    String marker = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    awaitNextRun(marker, nextMinute());

    assertThat(book.get(id).planVersion()).isEqualTo(2);
    assertThat(book.get(id).nextFireAt()).isNull();
    assertThat(latestUpdate(id).nextFireAt()).isNull();
  }

  @Test
  void changedScheduleTakesEffectAndUnchangedOneKeepsItsPendingFire() {
    String id = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    Instant due = nextMinute();
    awaitNextRun(id, due);

    // A rename keeps the pending fire; a new overlap policy too.
    change(PlanChange.UPDATED, id, 2, everyMinutes(1, OverlapPolicy.QUEUE_ONE), false);
    await().until(() -> book.get(id).planVersion() == 2);
    assertThat(book.get(id).nextFireAt()).isEqualTo(due);

    change(PlanChange.UPDATED, id, 3, everyMinutes(15, OverlapPolicy.QUEUE_ONE), false);
    Instant quarter = clock.instant().truncatedTo(ChronoUnit.HOURS);
    while (!quarter.isAfter(clock.instant())) {
      quarter = quarter.plus(Duration.ofMinutes(15));
    }
    awaitNextRun(id, quarter);
  }

  @Test
  void planWithInvalidScheduleIsKnownButNeverFiresAndOthersCarryOn() {
    String invalid =
        newPlan(
            new ScheduleSpec(
                ScheduleType.CRON, null, null, null, null, null, false, "not cron", null, null),
            Priority.NORMAL);
    String marker = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    Instant due = nextMinute();
    awaitNextRun(invalid, null);
    awaitNextRun(marker, due);

    clock.set(due.plusMillis(10));
    awaitCommands(marker, 1);
    assertThat(pool.commands(invalid)).isEmpty();
  }

  @Test
  void unreadablePlanEventIsParkedAndLaterEventsStillApply(TestInfrastructure infrastructure) {
    String key = "broken-" + UUID.randomUUID();
    pool.recorder().sendRaw(Topics.PLAN_EVENTS, key, "{not json".getBytes(StandardCharsets.UTF_8));
    String after = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);

    awaitNextRun(after, nextMinute());
    try (KafkaConsumer<String, byte[]> deadLetters =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      deadLetters.subscribe(List.of(Topics.deadLetter(Topics.PLAN_EVENTS)));
      List<String> parked = new ArrayList<>();
      await()
          .until(
              () -> {
                deadLetters
                    .poll(Duration.ofMillis(100))
                    .forEach(record -> parked.add(record.key()));
                return parked.contains(key);
              });
    }
  }

  @Test
  void missedTimesWithinCatchUpWindowBecomeOneRunAndOlderOnesAreCounted() {
    String id = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    Instant first = nextMinute();
    awaitNextRun(id, first);
    double missed = count("syncplan.scheduler.fires.missed");
    double coalesced = count("syncplan.scheduler.fires.coalesced");
    double catchUps = count("syncplan.scheduler.fires", "kind", "catch_up");

    // The scheduler was away for three hours: the window (one hour) holds 60 of the 181 times.
    Instant now = first.plus(Duration.ofHours(3)).plusSeconds(30);
    clock.set(now);

    Instant latest = first.plus(Duration.ofHours(3));
    RunRequested command = awaitCommands(id, 1).get(0);
    assertThat(command.scheduledAt()).isEqualTo(latest);
    assertThat(command.runId()).isEqualTo(RunIds.scheduled(id, latest));
    awaitNextRun(id, latest.plusSeconds(60));
    assertThat(pool.commands(id)).hasSize(1);
    assertThat(count("syncplan.scheduler.fires.missed") - missed).isEqualTo(121);
    assertThat(count("syncplan.scheduler.fires.coalesced") - coalesced).isEqualTo(59);
    assertThat(count("syncplan.scheduler.fires", "kind", "catch_up") - catchUps).isEqualTo(1);
  }

  @Test
  void activeRunSkipsDueFireUnderSkipUntilItFinishes() {
    String id = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    Instant first = nextMinute();
    awaitNextRun(id, first);
    clock.set(first.plusMillis(10));
    String run = awaitCommands(id, 1).get(0).runId();
    double skipped = count("syncplan.scheduler.fires.skipped", "reason", "overlap");

    // The first run is still going when the next time comes.
    clock.set(first.plusSeconds(60).plusMillis(10));
    awaitNextRun(id, first.plusSeconds(120));
    assertThat(pool.commands(id)).hasSize(1);
    assertThat(count("syncplan.scheduler.fires.skipped", "reason", "overlap") - skipped)
        .isEqualTo(1);

    pool.events().runFinished(id, run, clock.instant());
    await().until(() -> book.get(id).activity().isEmpty());
    clock.set(first.plusSeconds(120).plusMillis(10));
    assertThat(awaitCommands(id, 2).get(1).scheduledAt()).isEqualTo(first.plusSeconds(120));
  }

  @Test
  void manualRunInProgressSkipsDueFire() {
    String id = newPlan(everyMinutes(1, OverlapPolicy.SKIP), Priority.NORMAL);
    Instant first = nextMinute();
    awaitNextRun(id, first);
    pool.events().runQueued(id, "manual-" + UUID.randomUUID(), clock.instant());
    await().until(() -> !book.get(id).activity().isEmpty());

    clock.set(first.plusMillis(10));
    awaitNextRun(id, first.plusSeconds(60));
    assertThat(pool.commands(id)).isEmpty();
  }

  @Test
  void activeRunHoldsOneFireUnderQueueOneAndReleasesItWhenTheRunEnds() {
    String id = newPlan(everyMinutes(1, OverlapPolicy.QUEUE_ONE), Priority.NORMAL);
    Instant first = nextMinute();
    awaitNextRun(id, first);
    clock.set(first.plusMillis(10));
    String run = awaitCommands(id, 1).get(0).runId();
    double queued = count("syncplan.scheduler.fires.queued", "reason", "overlap");
    double skipped = count("syncplan.scheduler.fires.skipped", "reason", "overlap");

    clock.set(first.plusSeconds(60).plusMillis(10));
    awaitNextRun(id, first.plusSeconds(120));
    clock.set(first.plusSeconds(120).plusMillis(10));
    awaitNextRun(id, first.plusSeconds(180));
    assertThat(pool.commands(id)).hasSize(1);
    assertThat(count("syncplan.scheduler.fires.queued", "reason", "overlap") - queued).isEqualTo(1);
    assertThat(count("syncplan.scheduler.fires.skipped", "reason", "overlap") - skipped)
        .isEqualTo(1);

    // The run ends: the held fire goes at once, without waiting for the next time.
    pool.events().runFinished(id, run, clock.instant());
    RunRequested released = awaitCommands(id, 2).get(1);
    assertThat(released.scheduledAt()).isEqualTo(first.plusSeconds(60));
    assertThat(released.runId()).isEqualTo(RunIds.scheduled(id, first.plusSeconds(60)));
  }
}
