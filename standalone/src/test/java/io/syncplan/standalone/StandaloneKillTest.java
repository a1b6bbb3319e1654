package io.syncplan.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.KafkaRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The standalone stack killed with SIGKILL ({@code kill -9}: no shutdown hook, nothing flushed, as
 * a power cut, an OOM kill or a node drain) at three points, then started again on the same data
 * directory as a user would: right after API writes, in the middle of a run, and in the middle of a
 * webhook delivery. Each kill leaves the stack started again for the next; each test starts it
 * itself when it finds none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneKillTest {

  static final String KEY = "spk_standalone-kill-test-admin-key-0001";

  /**
   * A short lease, so that a run whose executor was killed is taken over within seconds of the
   * restart; and a bandwidth limit, so that a run lasts long enough to be killed in its middle.
   */
  static final Map<String, String> SETTINGS =
      Map.of(
          "syncplan.executor.lease-duration", "12s",
          "syncplan.executor.heartbeat-interval", "2s",
          "syncplan.executor.rclone-environment.RCLONE_BWLIMIT", "400k");

  Path work;
  StandaloneProcess stack;
  ApiClient api;
  int starts;

  @BeforeAll
  void createWorkDirectory() throws IOException {
    work = Files.createTempDirectory("syncplan-kill-test");
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
    deleteTree(work);
  }

  static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing the run for
    }
  }

  private void ensureRunning() {
    if (stack == null || !stack.isAlive()) {
      restart();
    }
  }

  private void restart() {
    starts++;
    stack =
        StandaloneProcess.start(
            work.resolve("data"), KEY, work.resolve("stack-" + starts + ".log"), SETTINGS);
    api = new ApiClient(stack.apiUrl(), KEY);
  }

  private void killAndRestart() {
    stack.kill();
    restart();
  }

  @Test
  @Order(1)
  void plansAnsweredCreatedAreAllThereAfterAKillRightAfterTheAnswers() {
    ensureRunning();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ApiClient.Response response =
          api.post(
              "/api/v1/plans",
              plan("acknowledged-" + i, work.resolve("src-" + i), work.resolve("dst-" + i), ""));
      assertThat(response.status()).isEqualTo(201);
      created.add(response.body().get("id").asString());
    }

    killAndRestart();

    for (int i = 0; i < created.size(); i++) {
      ApiClient.Response plan = api.get("/api/v1/plans/" + created.get(i));
      assertThat(plan.status()).as("plan %d of %d", i + 1, created.size()).isEqualTo(200);
      assertThat(plan.body().get("name").asString()).isEqualTo("acknowledged-" + i);
    }
  }

  @Test
  @Order(2)
  void aRunKilledInTheMiddleOfItsTransferFinishesOnceAfterTheRestart() {
    ensureRunning();
    Path source = work.resolve("big-src");
    Path destination = work.resolve("big-dst");
    FileTrees.write(source, 40, 200_000, 11);
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    String planId =
        api.post("/api/v1/plans", plan("killed-mid-run", source, destination, ""))
            .body()
            .get("id")
            .asString();
    String runId = runNow(planId);
    Awaitility.await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                "RUNNING".equals(status(runId))
                    && Files.isDirectory(destination)
                    && FileTrees.count(destination) > 0);
    assertThat(FileTrees.count(destination)).isLessThan(40);

    killAndRestart();

    // The killed executor's rclone does not outlive it (its output has nowhere to go).
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rclonesWritingTo(destination) == 0);
    JsonNode finished = awaitFinished(runId, Duration.ofMinutes(3));
    assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(FileTrees.snapshot(destination)).isEqualTo(sourceBefore);
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    assertThat(api.get("/api/v1/plans/" + planId + "/runs").body().get("items")).hasSize(1);
    try (KafkaRecorder events =
        KafkaRecorder.record(stack.kafkaBootstrapServers(), Topics.RUN_EVENTS)) {
      events.awaitEnvelope(
          envelope -> envelope.payload() instanceof RunFinished done && done.runId().equals(runId),
          Duration.ofSeconds(30));
      assertThat(
              events.envelopes(
                  envelope ->
                      envelope.payload() instanceof RunFinished done && done.runId().equals(runId)))
          .as("final events of the run")
          .hasSize(1);
      assertThat(
              events.envelopes(
                  envelope ->
                      envelope.payload() instanceof RunStarted started
                          && started.runId().equals(runId)))
          .as("attempts: the killed one and the one after the restart")
          .hasSizeGreaterThanOrEqualTo(2);
    }
  }

  @Test
  @Order(3)
  void aWebhookKilledInTheMiddleOfItsDeliveryArrivesOnceAndIsNotSentAgain() throws Exception {
    ensureRunning();
    List<String> keys = new CopyOnWriteArrayList<>();
    AtomicInteger answered = new AtomicInteger();
    CountDownLatch released = new CountDownLatch(1);
    try (MockWebServer receiver = new MockWebServer()) {
      receiver.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
              keys.add(request.getHeaders().get("Idempotency-Key"));
              // The first delivery is held until the stack is killed under it.
              if (keys.size() == 1) {
                released.await(5, TimeUnit.MINUTES);
              }
              answered.incrementAndGet();
              return new MockResponse.Builder().code(204).build();
            }
          });
      receiver.start();
      Path source = work.resolve("hook-src");
      FileTrees.write(source, 3, 100, 5);
      String hook = receiver.url("/hook").toString();
      String planId =
          api.post(
                  "/api/v1/plans",
                  plan(
                      "killed-mid-delivery",
                      source,
                      work.resolve("hook-dst"),
                      ",\"notifications\":{\"webhooks\":[{\"url\":\"" + hook + "\"}]}"))
              .body()
              .get("id")
              .asString();
      String runId = runNow(planId);
      Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> !keys.isEmpty());

      killAndRestart();
      released.countDown();

      // The restarted stack settles the interrupted delivery instead of sending it again.
      Awaitility.await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                JsonNode deliveries = api.get("/api/v1/runs/" + runId + "/deliveries").body();
                return deliveries != null
                    && deliveries.findValues("status").stream()
                        .anyMatch(status -> !status.asString().equals("PENDING"));
              });
      assertThat(status(runId)).isEqualTo("SUCCEEDED");
      assertThat(keys).as("webhook requests received").hasSize(1);
    }
  }

  private static long rclonesWritingTo(Path destination) {
    return ProcessHandle.allProcesses()
        .filter(
            process ->
                process
                    .info()
                    .commandLine()
                    .map(line -> line.contains("rclone") && line.contains(destination.toString()))
                    .orElse(false))
        .count();
  }

  private String runNow(String planId) {
    ApiClient.Response accepted = api.post("/api/v1/plans/" + planId + "/runs", "");
    assertThat(accepted.status()).isEqualTo(202);
    return accepted.body().get("runId").asString();
  }

  private String status(String runId) {
    ApiClient.Response run = api.get("/api/v1/runs/" + runId);
    return run.status() == 200 ? run.body().get("status").asString() : null;
  }

  private JsonNode awaitFinished(String runId, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> List.of("SUCCEEDED", "FAILED", "PARTIAL", "CANCELLED").contains(status(runId)));
    return api.get("/api/v1/runs/" + runId).body();
  }

  private static String plan(String name, Path source, Path destination, String extra) {
    return """
        {"name":"%s","source":{"path":"%s"},"destination":{"path":"%s"},"mode":"MIRROR"%s}
        """
        .formatted(name, source, destination, extra);
  }
}
