package io.syncplan.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.scheduler.SchedulerServiceApplication;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.MutableClock;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.annotation.DirtiesContext;

@WithKafkaAndMongo
@SpringBootTest(
    classes = {SchedulerServiceApplication.class, SchedulingTest.Clocks.class},
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.config.name=" + SchedulerServiceApplication.CONFIG_NAME,
      "spring.mongodb.database=scheduling-test"
    })
@DirtiesContext
class SchedulingTest {

  static final Instant START = Instant.parse("2026-11-26T10:00:30Z");
  static final MutableClock CLOCK = new MutableClock(START);

  @TestConfiguration
  static class Clocks {
    @Bean
    Clock clock() {
      return CLOCK;
    }
  }

  @Autowired ReactiveMongoTemplate mongo;
  KafkaRecorder recorder;

  @BeforeEach
  void record(TestInfrastructure infrastructure) {
    recorder =
        KafkaRecorder.record(
            infrastructure.bootstrapServers(), Topics.commands(Topics.DEFAULT_POOL));
  }

  @AfterEach
  void stop() {
    recorder.close();
  }

  static PlanSnapshot plan(String id, long version, boolean paused) {
    return new PlanSnapshot(
        id,
        version,
        "plan " + id,
        null,
        List.of(),
        Endpoint.local("/data/a"),
        Endpoint.local("/backup/a"),
        SyncMode.MIRROR,
        ScheduleSpec.everyMinutes(1),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        paused,
        START);
  }

  private void publish(PlanChange change, PlanSnapshot plan) {
    recorder.send(
        Topics.PLAN_EVENTS,
        Envelope.wrap(new PlanChanged(change, plan), "test", Clock.systemUTC()));
  }

  private ScheduleDocument awaitSchedule(String planId, long version) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              ScheduleDocument schedule = mongo.findById(planId, ScheduleDocument.class).block();
              return schedule != null && schedule.planVersion() == version;
            });
    return mongo.findById(planId, ScheduleDocument.class).block();
  }

  @Test
  void dueIntervalPlanGetsOneRunCommandWithDeterministicRunId() {
    String planId = UUID.randomUUID().toString();
    publish(PlanChange.CREATED, plan(planId, 1, false));
    ScheduleDocument schedule = awaitSchedule(planId, 1);
    assertThat(schedule.nextFireAt()).isAfter(CLOCK.instant());

    CLOCK.set(schedule.nextFireAt().plusMillis(10));

    Envelope<Message> command =
        recorder.awaitEnvelope(e -> e.planId().equals(planId), Duration.ofSeconds(20));
    RunRequested requested = (RunRequested) command.payload();
    assertThat(requested.trigger()).isEqualTo(RunTrigger.SCHEDULE);
    assertThat(requested.scheduledAt()).isEqualTo(schedule.nextFireAt());
    assertThat(requested.runId()).isEqualTo(RunIds.scheduled(planId, schedule.nextFireAt()));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                mongo
                    .findById(planId, ScheduleDocument.class)
                    .block()
                    .nextFireAt()
                    .isAfter(schedule.nextFireAt()));
    assertThat(recorder.envelopes(e -> e.planId().equals(planId))).hasSize(1);
  }

  @Test
  void pausedPlanNeverFires() {
    String planId = UUID.randomUUID().toString();
    publish(PlanChange.CREATED, plan(planId, 1, false));
    awaitSchedule(planId, 1);
    publish(PlanChange.PAUSED, plan(planId, 2, true));

    assertThat(awaitSchedule(planId, 2).nextFireAt()).isNull();
  }

  @Test
  void olderPlanEventDoesNotOverwriteNewerSchedule() {
    String planId = UUID.randomUUID().toString();
    publish(PlanChange.PAUSED, plan(planId, 2, true));
    awaitSchedule(planId, 2);
    publish(PlanChange.CREATED, plan(planId, 1, false));
    String marker = UUID.randomUUID().toString();
    publish(PlanChange.CREATED, plan(marker, 1, false));
    awaitSchedule(marker, 1);

    ScheduleDocument schedule = mongo.findById(planId, ScheduleDocument.class).block();
    assertThat(schedule.planVersion()).isEqualTo(2);
    assertThat(schedule.nextFireAt()).isNull();
  }
}
