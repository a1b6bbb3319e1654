package io.syncplan.executor.run;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorProcess;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import io.syncplan.testsupport.WithRclone;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to an executor (a JVM of its own, as Kubernetes or docker stop it) while real rclone
 * runs: a run that fits in the grace period ends on the stopping executor before it exits; a longer
 * one is handed back and finished by the other executor of the pool; a run waiting to retry is
 * handed back at once. Never a run left held by a stopped executor, never two outcomes for one run.
 */
@WithRclone
@WithKafkaAndMongo
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GracefulShutdownTest {

  private static final String POOL = "draining";
  private static final Duration GRACE = Duration.ofSeconds(5);

  /** The most a stopping executor may take beyond its grace period (Spring's own shutdown). */
  private static final Duration SHUTDOWN_SLACK = Duration.ofSeconds(30);

  @TempDir static Path dir;
  RunDriver runs;
  MongoClient mongo;
  MongoCollection<Document> ledger;
  List<ExecutorProcess> executors;

  @BeforeAll
  void startTwoExecutors(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    mongo = MongoClients.create(infrastructure.mongoUri());
    ledger = mongo.getDatabase("syncplan-executor").getCollection("run_ledger");
    Map<String, String> settings =
        Map.of(
            "syncplan.executor.lease-duration", "3s",
            "syncplan.executor.heartbeat-interval", "500ms",
            // Five heartbeats may go missing on a busy machine before a run is fenced.
            "syncplan.executor.fencing-margin", "500ms",
            "syncplan.executor.claim-interval", "200ms",
            "syncplan.executor.low-level-retries", "1",
            "syncplan.executor.connect-timeout", "5s",
            "syncplan.executor.shutdown-grace-period", GRACE.toMillis() + "ms",
            // 40 MB take 2.5 s: a run of three such files outlasts the grace period.
            "syncplan.executor.rclone-environment.RCLONE_BWLIMIT", "16M");
    List<CompletableFuture<ExecutorProcess>> starting = new ArrayList<>();
    for (String id : List.of("draining-a", "draining-b")) {
      starting.add(
          CompletableFuture.supplyAsync(
              () ->
                  ExecutorProcess.start(
                          id, POOL, infrastructure, Path.of("target", "executors"), settings)
                      .awaitStarted(Duration.ofSeconds(120))));
    }
    executors = new ArrayList<>(starting.stream().map(CompletableFuture::join).toList());
  }

  @AfterAll
  void stopExecutors() {
    executors.forEach(ExecutorProcess::close);
    mongo.close();
  }

  @Test
  @Order(1)
  void aRunLongerThanTheGracePeriodIsHandedBackAndFinishedByTheOtherExecutor() {
    Path source = dir.resolve("long-source");
    for (int file = 0; file < 3; file++) {
      TestFiles.sized(source.resolve("file-" + file + ".bin"), 40_000_000, file);
    }
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    PlanSnapshot plan =
        TestPlans.between(source, dir.resolve("long-destination")).pool(POOL).build();

    String runId = runs.request(plan);
    ExecutorProcess holder = executorOf(started(runId, 1));
    Instant terminated = Instant.now();
    holder.terminate();

    assertThat(holder.awaitExit(GRACE.plus(SHUTDOWN_SLACK))).isTrue();
    Duration stopping = Duration.between(terminated, Instant.now());
    executors.remove(holder);
    RunFinished finished = runs.awaitFinished(runId);

    // It waited for the run during the grace period, then handed it back rather than failing it.
    assertThat(stopping).isGreaterThanOrEqualTo(GRACE.minusMillis(500));
    assertThat(holder.log()).contains("handed back");
    assertThat(finished.status()).as("%s", finished.error()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(finished.attempts()).isEqualTo(2);
    RunStarted second = started(runId, 2);
    assertThat(second.executorId()).isNotEqualTo(holder.id()).isEqualTo(executors.get(0).id());
    // Its lease (3 s) was renewed all through the grace period (5 s): the other executor took it
    // only once it was handed back, not when a lease would have lapsed.
    assertThat(second.startedAt()).isAfter(terminated.plus(GRACE).minusMillis(500));
    assertThat(outcomes(runId)).isEqualTo(1);
    // The outcome is published first, then the run marked finished in the ledger.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(ledger(runId).getString("status")).isEqualTo("FINISHED"));
    assertThat(FileTrees.snapshot(dir.resolve("long-destination"))).isEqualTo(sourceBefore);
  }

  @Test
  @Order(2)
  void aRunWithinTheGracePeriodEndsOnTheStoppingExecutorAndARunWaitingToRetryIsHandedBackAtOnce()
      throws IOException {
    ExecutorProcess last = executors.get(0);
    Path shortSource = dir.resolve("short-source");
    TestFiles.sized(shortSource.resolve("small.bin"), 8_000_000, 7);
    PlanSnapshot shortPlan =
        TestPlans.between(shortSource, dir.resolve("short-destination")).pool(POOL).build();
    Path smallSource = dir.resolve("retry-source");
    FileTrees.write(smallSource, 3, 1000, 8);
    PlanSnapshot unreachable =
        TestPlans.between(
                Endpoint.local(smallSource.toAbsolutePath().toString()),
                new Endpoint("backup", TestPlans.deadWebdav()))
            .retries(new RetryPolicy(3, Duration.ofMinutes(10), 1.0))
            .pool(POOL)
            .build();

    String waiting = runs.request(unreachable);
    runs.recorder()
        .awaitEnvelope(
            e -> waiting.equals(e.runId()) && e.payload() instanceof RunRetrying,
            RunDriver.RUN_TIMEOUT);
    String shortRun = runs.request(shortPlan);
    started(shortRun, 1);
    last.terminate();

    // Well within the ten minutes the waiting run would have waited for its next attempt.
    assertThat(last.awaitExit(GRACE.plus(SHUTDOWN_SLACK))).isTrue();
    executors.remove(last);

    // The short run ended on the stopping executor, before it exited: no executor is left.
    assertThat(ledger(shortRun).getString("status")).isEqualTo("FINISHED");
    RunFinished finished = runs.awaitFinished(shortRun);
    assertThat(finished.status()).as("%s", finished.error()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(finished.attempts()).isEqualTo(1);
    assertThat(outcomes(shortRun)).isEqualTo(1);
    assertThat(FileTrees.snapshot(dir.resolve("short-destination")))
        .isEqualTo(FileTrees.snapshot(shortSource));

    // The waiting run was handed back: no outcome, its lease lapsed and its plan free, so that
    // the next executor of the pool takes it at once.
    Document handedBack = ledger(waiting);
    assertThat(handedBack.getString("status")).isEqualTo("RUNNING");
    assertThat(handedBack.getDate("leaseUntil").toInstant()).isBefore(Instant.now());
    assertThat(handedBack.getInteger("attempt")).isEqualTo(1);
    assertThat(planLease(unreachable.id())).isNull();
    assertThat(outcomes(waiting)).isZero();
    assertThat(last.log()).contains("Run " + waiting + " handed back");
  }

  private RunStarted started(String runId, int attempt) {
    return (RunStarted)
        runs.recorder()
            .awaitEnvelope(
                e ->
                    runId.equals(e.runId())
                        && e.payload() instanceof RunStarted started
                        && started.attempt() == attempt,
                RunDriver.RUN_TIMEOUT)
            .payload();
  }

  private ExecutorProcess executorOf(RunStarted started) {
    return executors.stream()
        .filter(executor -> executor.id().equals(started.executorId()))
        .findFirst()
        .orElseThrow();
  }

  private long outcomes(String runId) {
    return runs.events(runId).stream()
        .map(Envelope::payload)
        .filter(RunFinished.class::isInstance)
        .count();
  }

  private Document ledger(String runId) {
    return ledger.find(eq("_id", runId)).first();
  }

  private Document planLease(String planId) {
    return mongo
        .getDatabase("syncplan-executor")
        .getCollection("plan_leases")
        .find(eq("_id", planId))
        .first();
  }
}
