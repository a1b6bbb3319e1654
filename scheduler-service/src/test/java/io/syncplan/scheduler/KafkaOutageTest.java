package io.syncplan.scheduler;

import static io.syncplan.scheduler.schedule.PlanFixtures.everyMinutes;
import static io.syncplan.scheduler.schedule.PlanFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.PlanChange;
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
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * Kafka goes away while plans are due: the scheduler keeps trying with the same run ids, and when
 * Kafka is back the missed times of each plan become one run, sent once.
 */
@WithKafkaAndMongo
class KafkaOutageTest {

  static final String POOL = "outage-test";

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:30Z"));

  @Test
  void firesMissedWhileKafkaIsDownBecomeOneRunPerPlanWhenItIsBack(
      TestInfrastructure infrastructure) {
    String id = "outage-" + UUID.randomUUID();
    Instant first = Instant.parse("2026-11-26T10:01:00Z");
    try (TestEvents events = new TestEvents(infrastructure.bootstrapServers());
        SchedulerInstance scheduler =
            SchedulerInstance.start(
                "outage-test", "outage-test", clock, "--syncplan.scheduler.send-timeout=3s")) {
      scheduler.bean(CommandTopics.class).ensure(POOL).block();
      try (KafkaRecorder recorder =
          KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.commands(POOL))) {
        events.plan(
            PlanChange.CREATED,
            plan(
                id,
                1,
                everyMinutes(1, OverlapPolicy.SKIP),
                false,
                clock.instant(),
                POOL,
                Priority.NORMAL));
        await().until(() -> nextFireAt(scheduler, id) != null);
        assertThat(nextFireAt(scheduler, id)).isEqualTo(first);
        MeterRegistry meters = scheduler.bean(MeterRegistry.class);
        double coalesced = count(meters, "syncplan.scheduler.fires.coalesced");

        infrastructure.stopKafka();
        try {
          // 10:01 to 10:04 come due while Kafka is away; the scheduler tries and fails.
          clock.set(first.plus(Duration.ofMinutes(3)).plusSeconds(10));
          await().until(() -> count(meters, "syncplan.scheduler.fires.failed") > 0);
        } finally {
          infrastructure.startKafka();
        }

        Instant latest = first.plus(Duration.ofMinutes(3));
        await().until(() -> latest.plusSeconds(60).equals(nextFireAt(scheduler, id)));
        await().until(() -> !commands(recorder, id).isEmpty());
        assertThat(commands(recorder, id))
            .extracting(RunRequested::runId)
            .containsExactly(RunIds.scheduled(id, latest));
        assertThat(count(meters, "syncplan.scheduler.fires.coalesced") - coalesced).isEqualTo(3);
      }
    } finally {
      try (TestEvents events = new TestEvents(infrastructure.bootstrapServers())) {
        events.tombstones(List.of(id));
      }
    }
  }

  private static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100));
  }

  private static Instant nextFireAt(SchedulerInstance scheduler, String planId) {
    PlanSchedule schedule = scheduler.book().get(planId);
    return schedule == null ? null : schedule.nextFireAt();
  }

  private static double count(MeterRegistry meters, String name) {
    Counter counter = meters.find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  private static List<RunRequested> commands(KafkaRecorder recorder, String planId) {
    return recorder.envelopes().stream()
        .map(Envelope::payload)
        .filter(RunRequested.class::isInstance)
        .map(RunRequested.class::cast)
        .filter(command -> command.planId().equals(planId))
        .toList();
  }
}
