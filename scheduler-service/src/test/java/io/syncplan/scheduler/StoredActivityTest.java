package io.syncplan.scheduler;

import static io.syncplan.scheduler.schedule.PlanFixtures.everyMinutes;
import static io.syncplan.scheduler.schedule.PlanFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.scheduler.fire.ProgressWriter;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.RunActivity;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.scheduler.schedule.ScheduleStore;
import io.syncplan.scheduler.schedule.ScheduleStore.ActivityWrite;
import io.syncplan.testsupport.MutableClock;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/**
 * What a replica taking over reads back of which runs are active: the firing thread and the run
 * events listener write it independently, and a quick run's finished event can be stored before its
 * own fire is.
 */
@WithKafkaAndMongo
class StoredActivityTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:30Z"));

  @Test
  void aRunThatFinishedBeforeItsFireWasStoredIsNotActiveWhenTheSchedulesAreLoadedAgain(
      TestInfrastructure infrastructure) {
    String planId = "stored-" + UUID.randomUUID();
    try (TestEvents events = new TestEvents(infrastructure.bootstrapServers());
        SchedulerInstance replica =
            SchedulerInstance.start("stored-activity", "stored-activity", clock)) {
      events.plans(
          PlanChange.CREATED,
          List.of(
              plan(
                  planId,
                  1,
                  everyMinutes(1, OverlapPolicy.SKIP),
                  false,
                  clock.instant(),
                  null,
                  Priority.NORMAL)));
      ScheduleStore store = replica.bean(ScheduleStore.class);
      ScheduleBook book = replica.book();
      await()
          .until(
              () ->
                  replica.leads()
                      && book.get(planId) != null
                      && storedSchedule(store, planId) != null);
      String quick = planId + "-quick";

      // The firing loop has sent the run's command and recorded the fire in the book; the run
      // ends at once, and its finished event is stored before the fire's own write.
      book.updateIfPresent(
          planId, plan -> plan.withActivity(plan.activity().started(quick, clock.instant())));
      events.runsFinished(List.of(TestEvents.succeeded(planId, quick, clock.instant())));
      await().until(() -> !book.get(planId).activity().isRunning(quick));
      replica
          .bean(ProgressWriter.class)
          .save(List.of(book.get(planId)), Map.of(planId, quick))
          .block();
      // Later runs finish: the quick one is no longer among the finished runs remembered.
      for (int later = 0; later < RunActivity.FINISHED_KEPT; later++) {
        String runId = planId + "-later-" + later;
        store.saveActivity(List.of(new ActivityWrite(planId, Set.of(), Set.of(runId)))).block();
      }

      RunActivity loaded = storedSchedule(store, planId).activity();
      assertThat(loaded.isRunning(quick)).isFalse();
      assertThat(loaded.isEmpty()).isTrue();
    } finally {
      try (TestEvents events = new TestEvents(infrastructure.bootstrapServers())) {
        events.tombstones(List.of(planId));
      }
    }
  }

  private static ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50));
  }

  private static PlanSchedule storedSchedule(ScheduleStore store, String planId) {
    return store.loadAll().filter(s -> s.planId().equals(planId)).blockFirst();
  }
}
