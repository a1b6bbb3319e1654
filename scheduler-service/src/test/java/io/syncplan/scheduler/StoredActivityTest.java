package io.syncplan.scheduler;

import static io.syncplan.scheduler.schedule.PlanFixtures.everyMinutes;
import static io.syncplan.scheduler.schedule.PlanFixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.RunActivity;
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
      PlanSchedule stored =
          Awaitility.await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> storedSchedule(store, planId), schedule -> schedule != null);
      String quick = planId + "-quick";

      // The run's finished event is stored first, then the fire that sent it.
      store.saveActivity(List.of(new ActivityWrite(planId, Set.of(), Set.of(quick)))).block();
      store.saveProgress(List.of(stored), Map.of(planId, quick)).block();
      // Later runs finish: the quick one is no longer among the finished runs remembered.
      for (int later = 0; later < RunActivity.FINISHED_KEPT; later++) {
        String runId = planId + "-later-" + later;
        store.saveProgress(List.of(stored), Map.of(planId, runId)).block();
        store.saveActivity(List.of(new ActivityWrite(planId, Set.of(), Set.of(runId)))).block();
      }

      RunActivity activity = storedSchedule(store, planId).activity();
      assertThat(activity.isRunning(quick)).isFalse();
      assertThat(activity.isEmpty()).isTrue();
    } finally {
      try (TestEvents events = new TestEvents(infrastructure.bootstrapServers())) {
        events.tombstones(List.of(planId));
      }
    }
  }

  private static PlanSchedule storedSchedule(ScheduleStore store, String planId) {
    return store.loadAll().filter(s -> s.planId().equals(planId)).blockFirst();
  }
}
