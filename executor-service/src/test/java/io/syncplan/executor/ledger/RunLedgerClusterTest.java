package io.syncplan.executor.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The ledger's guarantees with several executors claiming from one MongoDB at once: every run is
 * claimed exactly once, and no plan ever has two runs running at the same time.
 */
@WithKafkaAndMongo
class RunLedgerClusterTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration LONG_LEASE = Duration.ofSeconds(30);
  private static final Duration SHORT_LEASE = Duration.ofSeconds(2);

  MongoClient client;
  ReactiveMongoTemplate mongo;

  @BeforeEach
  void connect(TestInfrastructure infrastructure) {
    client = MongoClients.create(infrastructure.mongoUri());
    mongo = new ReactiveMongoTemplate(client, "ledger-test-" + UUID.randomUUID());
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void threeExecutorsClaimEveryRunOnceAndNeverTwoRunsOfOnePlanAtOnce() throws Exception {
    List<Executor> executors =
        List.of(
            executor("executor-1", LONG_LEASE),
            executor("executor-2", LONG_LEASE),
            executor("executor-3", LONG_LEASE));
    List<PlanSnapshot> plans = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      plans.add(TestPlans.between(Path.of("/s" + p), Path.of("/d" + p)).build());
    }
    Set<String> recorded = ConcurrentHashMap.newKeySet();
    for (int r = 0; r < 12; r++) {
      for (PlanSnapshot plan : plans) {
        RunRequested command =
            new RunRequested(
                "run-" + plan.id() + "-" + r,
                RunTrigger.SCHEDULE,
                Instant.now(),
                null,
                false,
                plan);
        // Each command reaches two executors, as a redelivery would.
        executors.get(0).ledger().record(command).block(TIMEOUT);
        executors.get(1).ledger().record(command).block(TIMEOUT);
        executors.get(0).ledger().markQueued(command.runId()).block(TIMEOUT);
        recorded.add(command.runId());
      }
    }
    Map<String, AtomicInteger> runningPerPlan = new ConcurrentHashMap<>();
    List<String> overlaps = new CopyOnWriteArrayList<>();
    List<String> claimed = new CopyOnWriteArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<Future<?>> workers = new ArrayList<>();
    for (Executor executor : executors) {
      for (int slot = 0; slot < 2; slot++) {
        workers.add(
            threads.submit(
                () -> {
                  while (claimed.size() < recorded.size()) {
                    LedgerEntry entry = executor.ledger().claimNext().block(TIMEOUT);
                    if (entry == null) {
                      continue;
                    }
                    claimed.add(entry.runId());
                    AtomicInteger running =
                        runningPerPlan.computeIfAbsent(entry.planId(), plan -> new AtomicInteger());
                    if (running.incrementAndGet() > 1) {
                      overlaps.add(entry.planId());
                    }
                    executor.held().heartbeat(entry).block(TIMEOUT);
                    busyFor(ThreadLocalRandom.current().nextInt(1, 5));
                    running.decrementAndGet();
                    executor.held().finish(entry, null).block(TIMEOUT);
                  }
                  return null;
                }));
      }
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    threads.shutdown();

    assertThat(overlaps).isEmpty();
    assertThat(claimed).hasSameSizeAs(recorded).doesNotHaveDuplicates();
    assertThat(Set.copyOf(claimed)).isEqualTo(recorded);
  }

  @Test
  void aRunWhoseExecutorStoppedRenewingItsLeaseIsTakenOverOnce() {
    Executor dying = executor("dying", SHORT_LEASE);
    Executor survivor = executor("survivor", SHORT_LEASE);
    PlanSnapshot plan = TestPlans.between(Path.of("/s"), Path.of("/d")).build();
    RunRequested command =
        new RunRequested(
            "run-" + UUID.randomUUID(), RunTrigger.MANUAL, Instant.now(), null, false, plan);
    dying.ledger().record(command).block(TIMEOUT);
    dying.ledger().markQueued(command.runId()).block(TIMEOUT);
    LedgerEntry first = dying.ledger().claimNext().block(TIMEOUT);

    assertThat(survivor.ledger().claimNext().block(TIMEOUT)).as("the lease is live").isNull();
    busyFor(2100); // the dying executor sends no heartbeat; its lease lapses
    LedgerEntry takenOver = survivor.ledger().claimNext().block(TIMEOUT);

    assertThat(first.attempt()).isEqualTo(1);
    assertThat(takenOver.runId()).isEqualTo(command.runId());
    assertThat(takenOver.attempt()).isEqualTo(2);
    assertThat(takenOver.owner()).isEqualTo("survivor");
    assertThat(dying.held().heartbeat(first).block(TIMEOUT)).as("the dying one lost it").isNull();
    assertThat(dying.ledger().claimNext().block(TIMEOUT)).isNull();
  }

  @Test
  void executorsClaimingRunsOnArrivalAtOnceClaimEachRunOnceAndEachPlanForOneRun() throws Exception {
    List<Executor> executors =
        List.of(
            executor("executor-1", LONG_LEASE),
            executor("executor-2", LONG_LEASE),
            executor("executor-3", LONG_LEASE));
    List<RunRequested> commands = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      PlanSnapshot plan = TestPlans.between(Path.of("/s" + p), Path.of("/d" + p)).build();
      for (int r = 0; r < 4; r++) {
        commands.add(
            new RunRequested(
                "run-" + plan.id() + "-" + r, RunTrigger.MANUAL, Instant.now(), null, false, plan));
      }
    }
    List<LedgerEntry> claimed = new CopyOnWriteArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    List<Future<?>> arrivals = new ArrayList<>();
    // Every command reaches every executor at once, as redeliveries racing each other would.
    for (Executor executor : executors) {
      arrivals.add(
          threads.submit(
              () -> {
                for (RunRequested command : commands) {
                  LedgerEntry entry = executor.ledger().recordClaimed(command, Map.of()).block();
                  if (entry != null) {
                    claimed.add(entry);
                  }
                }
                return null;
              }));
    }
    for (Future<?> arrival : arrivals) {
      arrival.get();
    }
    threads.shutdown();

    assertThat(claimed).hasSize(5);
    assertThat(claimed).extracting(LedgerEntry::planId).doesNotHaveDuplicates();
    assertThat(claimed)
        .allSatisfy(
            entry -> {
              assertThat(entry.status()).isEqualTo(LedgerStatus.RUNNING);
              assertThat(entry.attempt()).isEqualTo(1);
            });
    // The runs not claimed left nothing behind: recorded now, they wait for their plans.
    Executor other = executors.get(0);
    for (RunRequested command : commands) {
      if (claimed.stream().noneMatch(entry -> entry.runId().equals(command.runId()))) {
        assertThat(other.ledger().record(command).block(TIMEOUT).status())
            .isEqualTo(LedgerStatus.ACCEPTED);
        other.ledger().markQueued(command.runId()).block(TIMEOUT);
      }
    }
    assertThat(other.ledger().claimNext().block(TIMEOUT)).as("every plan is busy").isNull();
    LedgerEntry first = claimed.get(0);
    Executor owner =
        executors.get(Integer.parseInt(first.owner().substring("executor-".length())) - 1);
    owner.held().finish(first, null).block(TIMEOUT);
    LedgerEntry next = other.ledger().claimNext().block(TIMEOUT);
    assertThat(next.planId()).as("the finished run's plan is free").isEqualTo(first.planId());
  }

  @Test
  void aClaimTakenBackLeavesTheRunWaitingWithItsCancelAndItsPlanFree() {
    Executor executor = executor("executor-1", LONG_LEASE);
    Executor other = executor("executor-2", LONG_LEASE);
    PlanSnapshot plan = TestPlans.between(Path.of("/s"), Path.of("/d")).build();
    RunRequested command =
        new RunRequested(
            "run-" + UUID.randomUUID(), RunTrigger.MANUAL, Instant.now(), null, false, plan);
    LedgerEntry claimed = executor.ledger().recordClaimed(command, Map.of()).block(TIMEOUT);
    other.ledger().requestCancel(command.runId()).block(TIMEOUT);

    executor.ledger().unclaim(claimed).block(TIMEOUT);

    LedgerEntry waiting = other.ledger().find(command.runId()).block(TIMEOUT);
    assertThat(waiting.status()).isEqualTo(LedgerStatus.ACCEPTED);
    assertThat(waiting.owner()).isNull();
    assertThat(waiting.leaseUntil()).isNull();
    assertThat(waiting.attempt()).isZero();
    assertThat(waiting.cancelRequested()).isTrue();
    assertThat(other.ledger().holdPlan(plan.id(), "other", Instant.now().plusSeconds(5)).block())
        .as("the plan is free")
        .isTrue();
  }

  /**
   * One executor's view of the ledger: how it claims runs, and what it does with those it holds.
   */
  private record Executor(RunLedger ledger, HeldRuns held) {}

  private Executor executor(String id, Duration lease) {
    ExecutorProperties properties =
        new ExecutorProperties(
            "default",
            id,
            2,
            lease,
            Duration.ofMillis(500),
            Duration.ofMillis(100),
            Path.of("/tmp"),
            "rclone",
            null,
            1,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofHours(1),
            Duration.ofMinutes(1),
            Duration.ofSeconds(5),
            null);
    return new Executor(
        new RunLedger(mongo, properties, Clock.systemUTC()),
        new HeldRuns(mongo, properties, Clock.systemUTC()));
  }

  /** Stands in for a run's work, or for the time a dead executor stays silent. */
  private static void busyFor(long millis) {
    long until = System.nanoTime() + Duration.ofMillis(millis).toNanos();
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }
}
