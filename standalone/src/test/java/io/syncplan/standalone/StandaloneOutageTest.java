package io.syncplan.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.KafkaRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
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
 * The standalone stack through outages of what it stands on: the Kafka broker stopped during a run
 * and during API writes, the MongoDB store stopped during a run. Each outage lasts {@code
 * syncplan.chaos.outage} (5 s in the suite, to keep CI short; {@code -Dsyncplan.chaos.outage=PT30S}
 * runs the 30 s outages of docs/reliability.md). Nothing acknowledged is lost, no run runs twice,
 * none is left unfinished, and everything resumes by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneOutageTest {

  static final String KEY = "spk_standalone-outage-test-admin-key-01";
  static final Duration OUTAGE =
      Duration.parse(System.getProperty("syncplan.chaos.outage", "PT5S"));

  Path work;
  StandaloneStack stack;
  ApiClient api;

  @BeforeAll
  void start() throws IOException {
    work = Files.createTempDirectory("syncplan-outage-test");
    // A run of about twenty seconds: it is under way through the whole outage.
    System.setProperty("syncplan.executor.rclone-environment.RCLONE_BWLIMIT", "1M");
    stack = StandaloneStack.start(TestSettings.onLoopback(work.resolve("data"), KEY));
    api = new ApiClient(stack.apiUrl(), KEY);
  }

  @AfterAll
  void stop() {
    System.clearProperty("syncplan.executor.rclone-environment.RCLONE_BWLIMIT");
    if (stack != null) {
      stack.close();
    }
    StandaloneKillTest.deleteTree(work);
  }

  @Test
  @Order(1)
  void aBrokerOutageDuringARunAndDuringApiWritesLosesNothingAndKeepsEachPlansOrder() {
    Path source = work.resolve("kafka-src");
    FileTrees.write(source, 20, 2_000_000, 3);
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    String longPlan = createPlan("through-kafka-outage", source, work.resolve("kafka-dst"));
    String longRun = runNow(longPlan);
    FileTrees.write(work.resolve("small-src"), 3, 100, 4);
    awaitStatus(longRun, "RUNNING", Duration.ofMinutes(2));

    stack.broker().stop();
    Instant back = Instant.now().plus(OUTAGE);
    List<String> plansDuringOutage = new ArrayList<>();
    List<String> runsDuringOutage = new ArrayList<>();
    int writes = 0;
    while (Instant.now().isBefore(back)) {
      String planId =
          createPlan(
              "during-kafka-outage-" + writes,
              work.resolve("small-src"),
              work.resolve("small-dst-" + writes));
      plansDuringOutage.add(planId);
      ApiClient.Response changed =
          api.patch("/api/v1/plans/" + planId, "{\"description\":\"changed during the outage\"}");
      assertThat(changed.status()).isEqualTo(200);
      runsDuringOutage.add(runNow(planId));
      writes++;
      // three requests a round, paced under the API key's rate limit (100 a second)
      pause(Duration.ofMillis(40));
    }
    stack.broker().start();

    assertThat(awaitFinished(longRun, Duration.ofMinutes(5)).get("status").asString())
        .isEqualTo("SUCCEEDED");
    assertThat(FileTrees.snapshot(work.resolve("kafka-dst"))).isEqualTo(sourceBefore);
    for (String runId : runsDuringOutage) {
      assertThat(awaitFinished(runId, Duration.ofMinutes(3)).get("status").asString())
          .isIn("SUCCEEDED", "FAILED");
    }
    try (KafkaRecorder kafka =
        KafkaRecorder.record(
            stack.kafkaBootstrapServers(), Topics.PLAN_EVENTS, Topics.RUN_EVENTS)) {
      for (String planId : plansDuringOutage) {
        List<Long> versions =
            kafka
                .awaitEnvelopes(
                    envelope ->
                        planId.equals(envelope.planId())
                            && envelope.payload() instanceof PlanChanged,
                    2,
                    Duration.ofSeconds(60))
                .stream()
                .map(envelope -> ((PlanChanged) envelope.payload()).plan().version())
                .toList();
        assertThat(versions).as("plan %s's events, in order", planId).containsExactly(1L, 2L);
      }
      for (String runId : concat(runsDuringOutage, longRun)) {
        List<Envelope<Message>> events =
            kafka.awaitEnvelopes(
                envelope ->
                    runId.equals(envelope.runId()) && envelope.payload() instanceof RunFinished,
                1,
                Duration.ofSeconds(60));
        assertThat(events).as("outcomes of %s", runId).hasSize(1);
        List<Message> lifecycle =
            kafka
                .envelopes(
                    envelope ->
                        runId.equals(envelope.runId())
                            && (envelope.payload() instanceof RunQueued
                                || envelope.payload() instanceof RunStarted
                                || envelope.payload() instanceof RunFinished))
                .stream()
                .map(Envelope::payload)
                .toList();
        assertThat(lifecycle.get(0)).isInstanceOf(RunQueued.class);
        assertThat(lifecycle.get(lifecycle.size() - 1)).isInstanceOf(RunFinished.class);
      }
    }
  }

  @Test
  @Order(2)
  void aStoreOutageAnswers503QuicklyIsNotReadyButLiveAndEverythingResumes() {
    Path source = work.resolve("mongo-src");
    FileTrees.write(source, 20, 2_000_000, 5);
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    String planId = createPlan("through-store-outage", source, work.resolve("mongo-dst"));
    String runId = runNow(planId);
    awaitStatus(runId, "RUNNING", Duration.ofMinutes(2));
    String health = stack.healthUrls().get("plan-service");
    ApiClient probe = new ApiClient(health, null);

    stack.store().stop();
    try {
      Instant back = Instant.now().plus(OUTAGE);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> probe.get("/readiness").status() == 503);
      int answered = 0;
      while (Instant.now().isBefore(back) || answered < 2) {
        String refusedName = "refused-" + answered;
        for (ApiClient.Response response :
            List.of(
                // (a plan itself is served from the instance's memory, outage or not)
                timed(() -> api.get("/api/v1/runs/" + runId)),
                timed(
                    () ->
                        api.post(
                            "/api/v1/plans",
                            plan(refusedName, source, work.resolve("never"), ""))))) {
          assertThat(response.status()).isEqualTo(503);
          assertThat(response.contentType()).startsWith("application/problem+json");
          assertThat(response.headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(probe.get("/liveness").status()).isEqualTo(200);
        answered++;
      }
    } finally {
      stack.store().start();
    }

    Awaitility.await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> probe.get("/readiness").status() == 200);
    assertThat(api.get("/api/v1/plans/" + planId).status()).isEqualTo(200);
    JsonNode finished = awaitFinished(runId, Duration.ofMinutes(5));
    assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(FileTrees.snapshot(work.resolve("mongo-dst"))).isEqualTo(sourceBefore);
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    try (KafkaRecorder kafka =
        KafkaRecorder.record(stack.kafkaBootstrapServers(), Topics.RUN_EVENTS)) {
      kafka.awaitEnvelope(
          envelope -> runId.equals(envelope.runId()) && envelope.payload() instanceof RunFinished,
          Duration.ofSeconds(60));
      assertThat(
              kafka.envelopes(
                  envelope ->
                      runId.equals(envelope.runId()) && envelope.payload() instanceof RunFinished))
          .as("outcomes of the run")
          .hasSize(1);
    }
    assertThat(api.get("/api/v1/plans/by-name/refused-0").status()).isEqualTo(404);
  }

  /** Answers within a few seconds: a request never hangs on the outage. */
  private static ApiClient.Response timed(java.util.function.Supplier<ApiClient.Response> call) {
    Instant start = Instant.now();
    ApiClient.Response response = call.get();
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    return response;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> concat(List<String> list, String one) {
    List<String> all = new ArrayList<>(list);
    all.add(one);
    return all;
  }

  private String createPlan(String name, Path source, Path destination) {
    ApiClient.Response created = api.post("/api/v1/plans", plan(name, source, destination, ""));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return created.body().get("id").asString();
  }

  private String runNow(String planId) {
    ApiClient.Response accepted = api.post("/api/v1/plans/" + planId + "/runs", "");
    assertThat(accepted.status()).isEqualTo(202);
    return accepted.body().get("runId").asString();
  }

  private void awaitStatus(String runId, String status, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> status.equals(api.get("/api/v1/runs/" + runId).body().get("status").asString()));
  }

  private JsonNode awaitFinished(String runId, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                List.of("SUCCEEDED", "FAILED", "PARTIAL", "CANCELLED")
                    .contains(api.get("/api/v1/runs/" + runId).body().get("status").asString()));
    return api.get("/api/v1/runs/" + runId).body();
  }

  private static String plan(String name, Path source, Path destination, String extra) {
    return """
        {"name":"%s","source":{"path":"%s"},"destination":{"path":"%s"},"mode":"MIRROR"%s}
        """
        .formatted(name, source, destination, extra);
  }
}
