package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorProcess;
import io.syncplan.executor.ExecutorServiceApplication;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.SkewedClockExecutor;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TcpProxy;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease fencing, with real processes: executor A runs a plan, its clock 1.5 s behind executor B's,
 * and then loses MongoDB (a partition: only A's connections are cut). A cannot renew the run's
 * lease, so it kills its rclone at the lease's end minus the fencing margin (3 s of a 6 s lease),
 * on its own clock; B, whose clock is ahead, finds the lease lapsed 1.5 s earlier than A would, and
 * still only after A's rclone is gone. Sampled every few milliseconds throughout: never two rclone
 * processes on the plan at once. The run then ends once, SUCCEEDED, by B.
 */
@WithKafkaAndMongo
class LeaseFencingTest {

  private static final String POOL = "fencing";
  private static final Duration SKEW = Duration.ofMillis(-1500);

  @TempDir Path dir;

  @Test
  void anExecutorCutOffFromMongoStopsItsRcloneBeforeAnotherWithAFasterClockTakesTheRunOver(
      TestInfrastructure infrastructure) throws Exception {
    RunDriver runs = RunDriver.of(infrastructure);
    Map<String, String> settings =
        Map.of(
            "syncplan.executor.lease-duration", "6s",
            "syncplan.executor.heartbeat-interval", "1s",
            "syncplan.executor.fencing-margin", "3s",
            "syncplan.executor.claim-interval", "200ms",
            "syncplan.executor.rclone-environment.RCLONE_BWLIMIT", "4M",
            // A paused executor leaves its consumer group within seconds, and its partitions to A.
            "spring.kafka.consumer.properties.session.timeout.ms", "6000",
            "spring.kafka.consumer.properties.heartbeat.interval.ms", "1000");
    URI mongo = URI.create(infrastructure.mongoUri());
    Path source = dir.resolve("source");
    TestFiles.sized(source.resolve("one.bin"), 30_000_000, 1);
    TestFiles.sized(source.resolve("two.bin"), 30_000_000, 2);
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    Path destination = dir.resolve("destination");
    PlanSnapshot plan = TestPlans.between(source, destination).pool(POOL).build();

    try (TcpProxy partitionable = TcpProxy.to(mongo.getHost(), mongo.getPort());
        RcloneSampler sampler = new RcloneSampler(destination)) {
      CompletableFuture<ExecutorProcess> startingA =
          CompletableFuture.supplyAsync(
              () ->
                  ExecutorProcess.start(
                          "executor-a",
                          POOL,
                          infrastructure,
                          "mongodb://127.0.0.1:" + partitionable.port(),
                          dir.resolve("executors"),
                          settings,
                          SkewedClockExecutor.class,
                          Map.of("syncplan.test.clock-skew", SKEW.toString()))
                      .awaitStarted(Duration.ofMinutes(3)));
      CompletableFuture<ExecutorProcess> startingB =
          CompletableFuture.supplyAsync(
              () ->
                  ExecutorProcess.start(
                          "executor-b",
                          POOL,
                          infrastructure,
                          infrastructure.mongoUri(),
                          dir.resolve("executors"),
                          settings,
                          ExecutorServiceApplication.class,
                          Map.of())
                      .awaitStarted(Duration.ofMinutes(3)));
      try (ExecutorProcess a = startingA.join();
          ExecutorProcess b = startingB.join()) {
        // B is held still (SIGSTOP) while the run is recorded and claimed, so that A runs it first:
        // B's consumer drops out of the group and A reads the command, whatever partition it is on.
        b.pause();
        String runId;
        try {
          runId = runs.request(plan);
          RunStarted first = startedBy(runs, runId, 1);
          assertThat(first.executorId()).isEqualTo("executor-a");
        } finally {
          b.resume();
        }
        runs.recorder()
            .awaitEnvelope(
                e -> runId.equals(e.runId()) && e.type().equals("run.progress"),
                RunDriver.RUN_TIMEOUT);

        partitionable.cut();

        RunStarted second = startedBy(runs, runId, 2);
        assertThat(second.executorId()).isEqualTo("executor-b");
        RunFinished finished = runs.awaitFinished(runId);
        assertThat(finished.status()).as("%s", finished.error()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.events(runId))
            .filteredOn(e -> e.payload() instanceof RunFinished)
            .hasSize(1);
        assertThat(FileTrees.snapshot(destination)).isEqualTo(sourceBefore);
        assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
        assertThat(a.log()).contains("its lease could not be renewed");
        assertThat(sampler.most()).as("rclone processes on the plan at once").isEqualTo(1);
        partitionable.restore();
      }
    }
  }

  private static RunStarted startedBy(RunDriver runs, String runId, int attempt) {
    return (RunStarted)
        runs.recorder()
            .awaitEnvelope(
                e ->
                    runId.equals(e.runId())
                        && e.payload() instanceof RunStarted started
                        && started.attempt() == attempt,
                Duration.ofMinutes(2))
            .payload();
  }

  /** Counts, every few milliseconds, the rclone processes writing to one destination. */
  static final class RcloneSampler implements AutoCloseable {

    private final AtomicInteger most = new AtomicInteger();
    private final Thread thread;
    private volatile boolean running = true;

    RcloneSampler(Path destination) {
      String target = destination.toString();
      thread =
          new Thread(
              () -> {
                while (running) {
                  List<ProcessHandle> rclones =
                      ProcessHandle.allProcesses()
                          .filter(
                              process ->
                                  process
                                      .info()
                                      .commandLine()
                                      .map(
                                          line ->
                                              line.contains("rclone")
                                                  && !line.contains("java")
                                                  && line.contains(target))
                                      .orElse(false))
                          .toList();
                  most.accumulateAndGet(rclones.size(), Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "rclone-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    int most() {
      return most.get();
    }

    @Override
    public void close() {
      running = false;
      thread.interrupt();
    }
  }
}
