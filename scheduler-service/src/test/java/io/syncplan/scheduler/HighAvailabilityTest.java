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
import io.syncplan.scheduler.schedule.RunIds;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.MutableClock;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The cluster invariant: two replicas against one Kafka and one MongoDB, thousands of due fires,
 * the firing replica stopped while it fires; every fire is sent, none twice. A simulated executor
 * finishes each run as soon as its command arrives, as a pool with room would.
 */
@WithKafkaAndMongo
class HighAvailabilityTest {

  static final String POOL = "ha-test";
  static final int PLANS = 400;
  static final int MINUTES = 12;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:30Z"));

  @Test
  void twoReplicasSendEveryDueFireExactlyOnceWhenTheFiringOneStopsMidway(
      TestInfrastructure infrastructure) {
    List<SchedulerInstance> replicas = new ArrayList<>();
    List<String> planIds =
        IntStream.range(0, PLANS).mapToObj(i -> "ha-" + UUID.randomUUID()).toList();
    try (TestEvents events = new TestEvents(infrastructure.bootstrapServers())) {
      replicas.add(SchedulerInstance.start("ha-test", "ha-test", clock));
      replicas.add(SchedulerInstance.start("ha-test", "ha-test", clock));
      replicas.get(0).bean(CommandTopics.class).ensure(POOL).block();
      try (KafkaRecorder commands =
          KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.commands(POOL))) {
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
        Instant first = Instant.parse("2026-11-26T10:01:00Z");
        await()
            .until(
                () -> leader(replicas) != null && allScheduled(leader(replicas), planIds, first));

        for (int minute = 0; minute < MINUTES; minute++) {
          Instant due = first.plus(Duration.ofMinutes(minute));
          clock.set(due.plusMillis(10));
          if (minute == MINUTES / 2) {
            // The firing replica goes away while it is sending this minute's commands.
            leader(replicas).close();
          }
          List<RunRequested> sent = awaitCommands(commands, due);
          events.runsFinished(
              sent.stream()
                  .map(command -> TestEvents.succeeded(command.planId(), command.runId(), due))
                  .toList());
          await()
              .until(
                  () -> {
                    SchedulerInstance leader = leader(replicas);
                    return leader != null && allIdle(leader, planIds, due.plusSeconds(60));
                  });
        }

        List<String> runIds =
            commands.envelopes().stream()
                .map(Envelope::payload)
                .filter(RunRequested.class::isInstance)
                .map(command -> ((RunRequested) command).runId())
                .filter(runId -> runId.startsWith("ha-"))
                .toList();
        Set<String> expected = new HashSet<>();
        for (String id : planIds) {
          for (int minute = 0; minute < MINUTES; minute++) {
            expected.add(RunIds.scheduled(id, first.plus(Duration.ofMinutes(minute))));
          }
        }
        assertThat(runIds).doesNotHaveDuplicates();
        assertThat(new HashSet<>(runIds)).isEqualTo(expected);
        assertThat(runIds).hasSize(PLANS * MINUTES);
      }
    } finally {
      try (TestEvents events = new TestEvents(infrastructure.bootstrapServers())) {
        events.tombstones(planIds);
      }
      replicas.forEach(SchedulerInstance::close);
    }
  }

  private static org.awaitility.core.ConditionFactory await() {
    return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50));
  }

  private static SchedulerInstance leader(List<SchedulerInstance> replicas) {
    return replicas.stream().filter(r -> r.isRunning() && r.leads()).findFirst().orElse(null);
  }

  private static boolean allScheduled(SchedulerInstance leader, List<String> ids, Instant at) {
    return ids.stream()
        .allMatch(
            id -> leader.book().get(id) != null && at.equals(leader.book().get(id).nextFireAt()));
  }

  /** Every plan fired for this minute and its run is over, as far as the firing replica knows. */
  private static boolean allIdle(SchedulerInstance leader, List<String> ids, Instant next) {
    return ids.stream()
        .allMatch(
            id -> {
              var schedule = leader.book().get(id);
              return schedule != null
                  && schedule.activity().isEmpty()
                  && next.equals(schedule.nextFireAt());
            });
  }

  private static List<RunRequested> awaitCommands(KafkaRecorder commands, Instant due) {
    await().until(() -> commandsFor(commands, due).size() >= PLANS);
    return commandsFor(commands, due);
  }

  private static List<RunRequested> commandsFor(KafkaRecorder commands, Instant due) {
    return commands.envelopes().stream()
        .map(Envelope::payload)
        .filter(RunRequested.class::isInstance)
        .map(RunRequested.class::cast)
        .filter(command -> command.scheduledAt().equals(due) && command.runId().startsWith("ha-"))
        .toList();
  }
}
