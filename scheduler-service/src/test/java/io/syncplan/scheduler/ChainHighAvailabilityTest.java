package io.syncplan.scheduler;

import static io.syncplan.scheduler.schedule.PlanFixtures.after;
import static io.syncplan.scheduler.schedule.PlanFixtures.chained;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
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
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The cluster invariant of chains: two replicas against one Kafka and one MongoDB, many finished
 * runs each starting the plan chained after its plan, the firing replica stopped while it works
 * through them; every chained run is sent, none twice. A simulated executor finishes each chained
 * run as soon as its command arrives.
 */
@WithKafkaAndMongo
class ChainHighAvailabilityTest {

  static final String POOL = "chain-ha";
  static final int PAIRS = 150;
  static final int ROUNDS = 4;

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:30Z"));

  @Test
  void twoReplicasStartEveryChainedRunExactlyOnceWhenTheFiringOneStopsMidway(
      TestInfrastructure infrastructure) {
    List<SchedulerInstance> replicas = new ArrayList<>();
    List<String> upstream =
        IntStream.range(0, PAIRS).mapToObj(i -> "cu-" + UUID.randomUUID()).toList();
    List<String> downstream =
        IntStream.range(0, PAIRS).mapToObj(i -> "cd-" + UUID.randomUUID()).toList();
    try (TestEvents events = new TestEvents(infrastructure.bootstrapServers())) {
      replicas.add(SchedulerInstance.start(POOL, POOL, clock));
      replicas.add(SchedulerInstance.start(POOL, POOL, clock));
      replicas.get(0).bean(CommandTopics.class).ensure(POOL).block();
      try (KafkaRecorder commands =
          KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.commands(POOL))) {
        List<PlanSnapshot> plans = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
          plans.add(chained(upstream.get(i), 1, null, false, clock.instant(), POOL, null));
          plans.add(
              chained(
                  downstream.get(i),
                  1,
                  null,
                  false,
                  clock.instant(),
                  POOL,
                  after(Set.of(RunOutcome.SUCCESS), upstream.get(i))));
        }
        events.plans(PlanChange.CREATED, plans);
        await().until(() -> leader(replicas) != null && allKnown(leader(replicas), downstream));

        Set<String> expected = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
          int r = round;
          List<String> triggering = upstream.stream().map(id -> id + "-run-" + r).toList();
          events.runsFinished(
              IntStream.range(0, PAIRS)
                  .mapToObj(
                      i ->
                          TestEvents.succeeded(upstream.get(i), triggering.get(i), clock.instant()))
                  .toList());
          if (round == ROUNDS / 2) {
            // The firing replica goes away while it works through this round's runs.
            leader(replicas).close();
          }
          List<String> roundIds =
              IntStream.range(0, PAIRS)
                  .mapToObj(i -> RunIds.chained(downstream.get(i), triggering.get(i)))
                  .toList();
          expected.addAll(roundIds);
          await().until(() -> chainedIds(commands).containsAll(roundIds));
          // the executors run them, and report them finished
          events.runsFinished(
              IntStream.range(0, PAIRS)
                  .mapToObj(
                      i ->
                          TestEvents.succeeded(downstream.get(i), roundIds.get(i), clock.instant()))
                  .toList());
          await()
              .until(
                  () -> {
                    SchedulerInstance leader = leader(replicas);
                    return leader != null
                        && downstream.stream()
                            .allMatch(id -> leader.book().get(id).activity().isEmpty());
                  });
        }

        List<String> sent = chainedIds(commands);
        assertThat(sent).doesNotHaveDuplicates();
        assertThat(new HashSet<>(sent)).isEqualTo(expected);
        assertThat(sent).hasSize(PAIRS * ROUNDS);
        assertThat(
                commands.envelopes().stream()
                    .map(Envelope::payload)
                    .filter(RunRequested.class::isInstance)
                    .map(RunRequested.class::cast)
                    .filter(command -> command.runId().contains("-after-cu-"))
                    .allMatch(command -> command.trigger() == RunTrigger.CHAINED))
            .isTrue();
      }
    } finally {
      try (TestEvents events = new TestEvents(infrastructure.bootstrapServers())) {
        events.tombstones(Stream.concat(upstream.stream(), downstream.stream()).toList());
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

  private static boolean allKnown(SchedulerInstance leader, List<String> ids) {
    return ids.stream().allMatch(id -> leader.book().get(id) != null);
  }

  private static List<String> chainedIds(KafkaRecorder commands) {
    return commands.envelopes().stream()
        .map(Envelope::payload)
        .filter(RunRequested.class::isInstance)
        .map(command -> ((RunRequested) command).runId())
        .filter(runId -> runId.contains("-after-cu-"))
        .toList();
  }
}
