package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The executor's meters say what really happened: real runs of real files, then the meters read
 * from the registry (as differences, since the context is shared) and from the Prometheus scrape
 * under their agreed names.
 */
@ExecutorTest
class RunMetricsTest {

  private static final String POOL = "default";

  @TempDir Path dir;
  @Autowired MeterRegistry registry;
  @LocalServerPort int port;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  @Test
  void mirrorRunsCountTheirOutcomeFilesAndBytesByModeAndPool() throws IOException {
    Path source = dir.resolve("source");
    FileTrees.write(source, 12, 5000, 41);
    long sourceBytes = bytesUnder(source);
    PlanSnapshot plan = TestPlans.between(source, dir.resolve("destination")).build();
    double succeeded = runs("SUCCEEDED", "MIRROR");
    double added = files("added");
    double modified = files("modified");
    double deleted = files("deleted");
    double bytes = transferred("MIRROR");

    RunFinished first = runs.run(plan);

    assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(files("added") - added).isEqualTo(12);
    assertThat(transferred("MIRROR") - bytes).isEqualTo(sourceBytes);

    // Two files changed, one removed, one new: the next mirror counts each kind of change.
    try (Stream<Path> listed = Files.walk(source)) {
      java.util.List<Path> existing = listed.filter(Files::isRegularFile).sorted().toList();
      Files.write(existing.get(0), new byte[3000]);
      Files.write(existing.get(1), new byte[2000]);
      Files.delete(existing.get(2));
    }
    Files.write(source.resolve("new.bin"), new byte[1000]);
    RunFinished second = runs.run(plan);

    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs("SUCCEEDED", "MIRROR") - succeeded).isEqualTo(2);
    assertThat(files("added") - added).isEqualTo(13);
    assertThat(files("modified") - modified).isEqualTo(2);
    assertThat(files("deleted") - deleted).isEqualTo(1);
    assertThat(transferred("MIRROR") - bytes).isEqualTo(sourceBytes + 3000 + 2000 + 1000);
    Timer timer = timer("SUCCEEDED", "MIRROR");
    assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    assertThat(registry.find("syncplan.executor.rclone").tag("mode", "MIRROR").timers())
        .anyMatch(rclone -> rclone.count() > 0 && POOL.equals(rclone.getId().getTag("pool")));
  }

  @Test
  void aFailedRunAndItsRetriesAreCounted() throws IOException {
    Path source = dir.resolve("source");
    FileTrees.write(source, 2, 1000, 42);
    PlanSnapshot plan =
        TestPlans.between(
                Endpoint.local(source.toAbsolutePath().toString()),
                new Endpoint("backup", TestPlans.deadWebdav()))
            .retries(new RetryPolicy(3, Duration.ofMillis(100), 1.0))
            .build();
    double failed = runs("FAILED", "MIRROR");
    double retries = retries("MIRROR");

    RunFinished finished = runs.run(plan);

    assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
    assertThat(finished.attempts()).isEqualTo(3);
    assertThat(runs("FAILED", "MIRROR") - failed).isEqualTo(1);
    assertThat(retries("MIRROR") - retries).isEqualTo(2);
  }

  @Test
  void runsWaitingForTheirPlanAreCountedWhileTheyWaitAndRunningRunsWhileTheyRun() {
    Path source = dir.resolve("slow-source");
    TestFiles.sized(source.resolve("slow.bin"), 24_000_000, 43);
    PlanSnapshot plan = TestPlans.between(source, dir.resolve("slow-destination")).build();

    String first = runs.request(plan);
    String second = runs.request(plan);

    // One runs, the other waits for the plan in the ledger. (Between its claim and its start the
    // first is neither waiting nor running yet: both are read together.)
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                gauge("syncplan.executor.runs.waiting") == 1
                    && gauge("syncplan.executor.running") == 1);
    runs.awaitFinished(first);
    runs.awaitFinished(second);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> gauge("syncplan.executor.runs.waiting") == 0);
    assertThat(gauge("syncplan.executor.concurrency")).isEqualTo(2);
  }

  @Test
  void prometheusShowsTheAgreedNamesAndLabels() throws Exception {
    Path source = dir.resolve("source");
    FileTrees.write(source, 2, 1000, 44);
    runs.run(TestPlans.between(source, dir.resolve("destination")).build());

    String scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();

    assertThat(scrape)
        .contains(
            "syncplan_executor_runs_seconds_bucket{kind=\"SYNC\",mode=\"MIRROR\",pool=\"default\",")
        .contains(
            "syncplan_executor_runs_seconds_count{kind=\"SYNC\",mode=\"MIRROR\",pool=\"default\",")
        .contains(
            "syncplan_executor_rclone_seconds_count{kind=\"SYNC\",mode=\"MIRROR\",pool=\"default\",")
        .contains("syncplan_executor_transferred_bytes_total{mode=\"MIRROR\",pool=\"default\"}")
        .contains(
            "syncplan_executor_files_total{change=\"added\",mode=\"MIRROR\",pool=\"default\"}")
        .contains("syncplan_executor_running{pool=\"default\"}")
        .contains("syncplan_executor_concurrency{pool=\"default\"} 2.0")
        .contains("syncplan_executor_runs_waiting{pool=\"default\"}")
        .contains("syncplan_executor_runs_handed_back_total{pool=\"default\"}");
    assertThat(scrape).containsPattern("syncplan_executor_runs_seconds_count\\{[^}]*status=\"");
  }

  private double runs(String status, String mode) {
    Timer timer =
        registry
            .find("syncplan.executor.runs")
            .tags("status", status, "mode", mode, "kind", "SYNC", "pool", POOL)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  private Timer timer(String status, String mode) {
    return registry
        .get("syncplan.executor.runs")
        .tags("status", status, "mode", mode, "kind", "SYNC", "pool", POOL)
        .timer();
  }

  private double files(String change) {
    return counter(
        "syncplan.executor.files", Map.of("change", change, "mode", "MIRROR", "pool", POOL));
  }

  private double transferred(String mode) {
    return counter("syncplan.executor.transferred", Map.of("mode", mode, "pool", POOL));
  }

  private double retries(String mode) {
    return counter("syncplan.executor.retries", Map.of("mode", mode, "pool", POOL));
  }

  private double counter(String name, Map<String, String> tags) {
    var search = registry.find(name);
    for (var tag : tags.entrySet()) {
      search = search.tag(tag.getKey(), tag.getValue());
    }
    Counter counter = search.counter();
    return counter == null ? 0 : counter.count();
  }

  private double gauge(String name) {
    Gauge gauge = registry.get(name).tag("pool", POOL).gauge();
    return gauge.value();
  }

  private static long bytesUnder(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              file -> {
                try {
                  return Files.size(file);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
