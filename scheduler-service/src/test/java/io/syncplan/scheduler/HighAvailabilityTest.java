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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
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
          awaitIdle(replicas, planIds, due.plusSeconds(60), commands);
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

  /**
   * Waits for a command of every plan for this minute. Counted by plan, so that a command sent
   * twice cannot stand in for one not sent yet; the test's last check reports duplicates.
   */
  private static List<RunRequested> awaitCommands(KafkaRecorder commands, Instant due) {
    await()
        .until(
            () ->
                commandsFor(commands, due).stream().map(RunRequested::planId).distinct().count()
                    >= PLANS);
    return commandsFor(commands, due);
  }

  /** Waits until the firing replica sees every plan idle and next due at {@code next}. */
  private static void awaitIdle(
      List<SchedulerInstance> replicas, List<String> ids, Instant next, KafkaRecorder commands) {
    try {
      await()
          .until(
              () -> {
                SchedulerInstance leader = leader(replicas);
                return leader != null && allIdle(leader, ids, next);
              });
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "Not every plan became idle and due at "
              + next
              + " on the firing replica: "
              + notIdle(leader(replicas), ids, next)
              + "; duplicate commands so far: "
              + duplicates(commands),
          e);
    }
  }

  /** The plans the firing replica does not see idle and due at {@code next}, a few of them. */
  private static String notIdle(SchedulerInstance leader, List<String> ids, Instant next) {
    if (leader == null) {
      return "no replica fires";
    }
    List<String> busy =
        ids.stream()
            .map(id -> Map.entry(id, describe(leader.book().get(id), next)))
            .filter(
                entry -> {
                  var schedule = leader.book().get(entry.getKey());
                  return schedule == null
                      || !schedule.activity().isEmpty()
                      || !next.equals(schedule.nextFireAt());
                })
            .map(Map.Entry::getValue)
            .toList();
    return busy.size() + " not: " + busy.stream().limit(3).toList();
  }

  private static String describe(PlanSchedule schedule, Instant next) {
    if (schedule == null) {
      return "missing";
    }
    List<String> active = new ArrayList<>();
    for (int back = 1; back <= MINUTES; back++) {
      Instant fireAt = next.minus(Duration.ofMinutes(back));
      if (schedule.activity().isRunning(RunIds.scheduled(schedule.planId(), fireAt))) {
        active.add(fireAt.toString());
      }
    }
    return schedule + " " + schedule.activity() + " runs of " + active + " " + schedule.progress();
  }

  private static long duplicates(KafkaRecorder commands) {
    List<String> runIds =
        commands.envelopes().stream()
            .map(Envelope::payload)
            .filter(RunRequested.class::isInstance)
            .map(command -> ((RunRequested) command).runId())
            .toList();
    return runIds.size() - runIds.stream().distinct().count();
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
