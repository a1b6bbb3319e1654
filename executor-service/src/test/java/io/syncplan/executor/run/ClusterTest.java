package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.ExecutorProcess;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import io.syncplan.testsupport.WithRclone;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two executors of one pool, each a JVM of its own sharing Kafka and MongoDB: every run once, one
 * run per plan at a time, and a run whose executor is killed mid-way finished by the other.
 */
@WithRclone
@WithKafkaAndMongo
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

  private static final String POOL = "cluster";

  @TempDir static Path dir;
  RunDriver runs;
  List<ExecutorProcess> executors;

  @BeforeAll
  void startTwoExecutors(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    Map<String, String> settings =
        Map.of(
            "syncplan.executor.lease-duration", "3s",
            "syncplan.executor.heartbeat-interval", "500ms",
            // Five heartbeats may go missing on a busy machine before a run is fenced.
            "syncplan.executor.fencing-margin", "500ms",
            "syncplan.executor.claim-interval", "200ms",
            "syncplan.executor.rclone-environment.RCLONE_BWLIMIT", "16M");
    List<CompletableFuture<ExecutorProcess>> starting = new ArrayList<>();
    for (String id : List.of("executor-a", "executor-b")) {
      starting.add(
          CompletableFuture.supplyAsync(
              () ->
                  ExecutorProcess.start(
                          id, POOL, infrastructure, Path.of("target", "executors"), settings)
                      .awaitStarted(Duration.ofSeconds(120))));
    }
    executors = starting.stream().map(CompletableFuture::join).toList();
  }

  @AfterAll
  void stopExecutors() {
    executors.forEach(ExecutorProcess::close);
  }

  @Test
  @Order(1)
  void everyRunRunsExactlyOnceAndOnePlanNeverRunsTwiceAtATime() {
    int plans = 6;
    int runsPerPlan = 3;
    List<PlanSnapshot> planList = new ArrayList<>();
    for (int p = 0; p < plans; p++) {
      Path source = dir.resolve("source-" + p);
      FileTrees.write(source, 20, 20_000, 100 + p);
      planList.add(TestPlans.between(source, dir.resolve("destination-" + p)).pool(POOL).build());
    }
    List<String> runIds = new ArrayList<>();
    for (int r = 0; r < runsPerPlan; r++) {
      for (PlanSnapshot plan : planList) {
        RunRequested command =
            new RunRequested(
                "cluster-run-" + plan.id() + "-" + r,
                RunTrigger.SCHEDULE,
                Instant.now(),
                null,
                false,
                plan);
        // Every command delivered twice, as a producer retrying would.
        runs.send(command, POOL);
        runs.send(command, POOL);
        runIds.add(command.runId());
      }
    }

    List<RunFinished> finished = runIds.stream().map(runs::awaitFinished).toList();

    assertThat(finished).allMatch(run -> run.status() == RunStatus.SUCCEEDED);
    Map<String, List<Envelope<Message>>> byRun = new HashMap<>();
    for (String runId : runIds) {
      byRun.put(runId, runs.events(runId));
    }
    // No duplicates: one QUEUED, one STARTED, one outcome per run, whatever the redeliveries
    // (progress and, on rclone 1.66 and later, the change list's parts aside).
    byRun.forEach(
        (runId, events) ->
            assertThat(events)
                .extracting(Envelope::type)
                .filteredOn(type -> !type.equals("run.progress") && !type.equals("run.changes"))
                .containsExactly("run.queued", "run.started", "run.succeeded"));
    Map<String, List<Instant[]>> spansByPlan = new HashMap<>();
    for (RunFinished run : finished) {
      spansByPlan
          .computeIfAbsent(run.planId(), plan -> new ArrayList<>())
          .add(new Instant[] {run.startedAt(), run.finishedAt()});
    }
    spansByPlan.forEach(
        (plan, spans) -> {
          spans.sort(Comparator.comparing(span -> span[0]));
          for (int i = 1; i < spans.size(); i++) {
            assertThat(spans.get(i)[0])
                .as("plan %s overlaps", plan)
                .isAfterOrEqualTo(spans.get(i - 1)[1]);
          }
        });
    assertThat(new HashSet<>(runIds.stream().map(runId -> startedOf(runId).executorId()).toList()))
        .containsExactlyInAnyOrder("executor-a", "executor-b");
    for (int p = 0; p < plans; p++) {
      assertThat(FileTrees.snapshot(dir.resolve("destination-" + p)))
          .isEqualTo(FileTrees.snapshot(dir.resolve("source-" + p)));
    }
  }

  @Test
  @Order(2)
  void aRunWhoseExecutorIsKilledIsTakenOverAndFinishedByTheOther() {
    Path source = dir.resolve("takeover-source");
    TestFiles.sized(source.resolve("one.bin"), 40_000_000, 1);
    TestFiles.sized(source.resolve("two.bin"), 40_000_000, 2);
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    PlanSnapshot plan =
        TestPlans.between(source, dir.resolve("takeover-destination")).pool(POOL).build();

    String runId = runs.request(plan);
    runs.recorder()
        .awaitEnvelope(
            e -> runId.equals(e.runId()) && e.type().equals("run.progress"), RunDriver.RUN_TIMEOUT);
    String first = startedOf(runId).executorId();
    ExecutorProcess doomed =
        executors.stream()
            .filter(executor -> executor.id().equals(first))
            .findFirst()
            .orElseThrow();
    List<ProcessHandle> itsRclone = CancelTest.rcloneProcessesFor(source);
    doomed.kill();
    RunFinished finished = runs.awaitFinished(runId);

    assertThat(doomed.isAlive()).isFalse();
    assertThat(itsRclone).noneMatch(ProcessHandle::isAlive);
    assertThat(finished.status()).as("%s", finished.error()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(finished.attempts()).isEqualTo(2);
    List<RunStarted> attempts =
        runs.events(runId).stream()
            .map(Envelope::payload)
            .filter(RunStarted.class::isInstance)
            .map(RunStarted.class::cast)
            .toList();
    assertThat(attempts).extracting(RunStarted::attempt).containsExactly(1, 2);
    assertThat(attempts.get(0).executorId()).isEqualTo(first);
    assertThat(attempts.get(1).executorId()).isNotEqualTo(first);
    assertThat(runs.events(runId)).filteredOn(e -> e.payload() instanceof RunFinished).hasSize(1);
    assertThat(finished.startedAt()).isEqualTo(attempts.get(0).startedAt());
    assertThat(FileTrees.snapshot(dir.resolve("takeover-destination"))).isEqualTo(sourceBefore);
  }

  private RunStarted startedOf(String runId) {
    return (RunStarted)
        runs.recorder()
            .awaitEnvelope(
                e -> runId.equals(e.runId()) && e.payload() instanceof RunStarted,
                RunDriver.RUN_TIMEOUT)
            .payload();
  }
}
