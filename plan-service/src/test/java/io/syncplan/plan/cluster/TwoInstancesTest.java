package io.syncplan.plan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.contracts.storage.StorageTested;
import io.syncplan.plan.PlanServiceApplication;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two plan-service instances on one store and one broker, as behind a load balancer: many
 * concurrent changes through both still give every plan one event per version, in order, with no
 * gap and no duplicate; an executor's answer consumed by one instance reaches a client waiting on
 * the other; each instance lists what the other created.
 */
@PlanServiceTest
class TwoInstancesTest {

  static final int PLANS = 4;
  static final int CHANGES_PER_PLAN = 24;
  static final int RUNS_PER_INSTANCE = 15;

  @Autowired WebTestClient first;
  @Autowired CommandTopics commandTopics;
  @Autowired ReactiveMongoTemplate mongo;
  ConfigurableApplicationContext secondInstance;
  WebTestClient second;
  KafkaRecorder kafka;

  @BeforeEach
  void startSecondInstance(TestInfrastructure infrastructure) {
    first = authenticated(first);
    secondInstance =
        PlanServiceApplication.application()
            .run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--syncplan.security.bootstrap-api-key=" + PlanServiceTest.ADMIN_KEY,
                "--syncplan.security.api-key-pepper=" + PlanServiceTest.PEPPER,
                "--syncplan.api.plan-list-refresh=200ms",
                "--syncplan.outbox.sweep-interval=500ms",
                "--syncplan.api.storage-test-timeout=20s");
    int port = ((WebServerApplicationContext) secondInstance).getWebServer().getPort();
    second =
        authenticated(
            WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build());
    commandTopics.ensure("default").block();
    kafka =
        KafkaRecorder.record(
            infrastructure.bootstrapServers(), Topics.PLAN_EVENTS, Topics.commands("default"));
  }

  @AfterEach
  void stop() {
    kafka.close();
    secondInstance.close();
  }

  static WebTestClient authenticated(WebTestClient client) {
    return client
        .mutate()
        .defaultHeader("Authorization", PlanServiceTest.ADMIN)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  @Test
  void concurrentChangesThroughBothInstancesArePublishedOncePerVersionInOrder() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < PLANS; p++) {
      WebTestClient via = p % 2 == 0 ? first : second;
      ids.add(
          (String)
              via.post()
                  .uri("/api/v1/plans")
                  .contentType(MediaType.APPLICATION_JSON)
                  .bodyValue(
                      """
                      {"name":"cluster-%d","source":{"path":"/data/c%d"},
                       "destination":{"path":"/backup/c%d"},"mode":"MIRROR"}
                      """
                          .formatted(p, p, p))
                  .exchange()
                  .expectStatus()
                  .isCreated()
                  .expectBody(Map.class)
                  .returnResult()
                  .getResponseBody()
                  .get("id"));
    }

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> changes = new ArrayList<>();
    for (String id : ids) {
      for (int c = 0; c < CHANGES_PER_PLAN; c++) {
        WebTestClient via = c % 2 == 0 ? first : second;
        String description = "change " + c + " of " + id;
        changes.add(
            pool.submit(
                () ->
                    via.patch()
                        .uri("/api/v1/plans/{id}", id)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("description", description))
                        .exchange()
                        .expectStatus()
                        .isOk()));
      }
    }
    for (Future<?> change : changes) {
      change.get();
    }
    pool.shutdown();

    long lastVersion = 1 + CHANGES_PER_PLAN;
    for (String id : ids) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> versions(id).size() >= lastVersion);
      assertThat(versions(id))
          .as("plan %s: one event per version, in order", id)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, lastVersion).boxed().toList());
      for (WebTestClient via : List.of(first, second)) {
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    via.get()
                        .uri("/api/v1/plans/{id}", id)
                        .exchange()
                        .expectBody()
                        .jsonPath("$.version")
                        .isEqualTo((int) lastVersion));
      }
    }
    for (WebTestClient via : List.of(first, second)) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  via.get()
                      .uri("/api/v1/plans?q=cluster-")
                      .exchange()
                      .expectBody()
                      .jsonPath("$.totalItems")
                      .isEqualTo(PLANS));
    }
  }

  /**
   * Run requests put their command into the plan's outbox and, in the same write, take the relay
   * lease when it is free; through two instances at once the lease passes between them and between
   * the passes of one, and still every command is sent once, in the order it was accepted.
   */
  @Test
  void runRequestsThroughBothInstancesPublishEachCommandOnceInTheOrderItWasAccepted()
      throws Exception {
    String id =
        (String)
            first
                .post()
                .uri("/api/v1/plans")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    """
                    {"name":"cluster-runs","source":{"path":"/data/cr"},
                     "destination":{"path":"/backup/cr"},"mode":"MIRROR"}
                    """)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Future<List<String>> viaFirst = pool.submit(() -> requestRuns(first, id));
    Future<List<String>> viaSecond = pool.submit(() -> requestRuns(second, id));
    List<String> acceptedByFirst = viaFirst.get();
    List<String> acceptedBySecond = viaSecond.get();
    pool.shutdown();

    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> commands(id).size() >= 2 * RUNS_PER_INSTANCE);
    List<String> published = commands(id);
    assertThat(published)
        .as("every accepted run's command, once")
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(acceptedByFirst.stream(), acceptedBySecond.stream()).toList());
    assertThat(published.stream().filter(acceptedByFirst::contains).toList())
        .as("in the order the first instance accepted them")
        .containsExactlyElementsOf(acceptedByFirst);
    assertThat(published.stream().filter(acceptedBySecond::contains).toList())
        .as("in the order the second instance accepted them")
        .containsExactlyElementsOf(acceptedBySecond);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(mongo.findById(id, Document.class, "plans").block())
                    .as("the outbox emptied and the relay lease given back")
                    .containsEntry("outbox", List.of())
                    .doesNotContainKey("relayLease"));
  }

  /** Asks for runs of the plan one after another; the ids in the order they were accepted. */
  private static List<String> requestRuns(WebTestClient via, String planId) {
    List<String> accepted = new ArrayList<>();
    for (int r = 0; r < RUNS_PER_INSTANCE; r++) {
      accepted.add(
          (String)
              via.post()
                  .uri("/api/v1/plans/{id}/runs", planId)
                  .exchange()
                  .expectStatus()
                  .isAccepted()
                  .expectBody(Map.class)
                  .returnResult()
                  .getResponseBody()
                  .get("runId"));
    }
    return accepted;
  }

  /**
   * The run ids of the plan's commands as stored on the topic, a record read twice counted once.
   */
  private List<String> commands(String planId) {
    Map<String, String> byOffset = new TreeMap<>();
    for (ConsumerRecord<String, Envelope<Message>> record : kafka.records()) {
      if (record.value() != null
          && record.value().payload() instanceof RunRequested command
          && command.plan().id().equals(planId)) {
        byOffset.put("%05d-%012d".formatted(record.partition(), record.offset()), command.runId());
      }
    }
    return new ArrayList<>(byOffset.values());
  }

  @Test
  void anAnswerConsumedByEitherInstanceReachesTheClientWaitingOnTheOther() {
    for (int s = 0; s < 6; s++) {
      String name = "cluster-storage-" + s;
      String storageId =
          (String)
              first
                  .post()
                  .uri("/api/v1/storages")
                  .contentType(MediaType.APPLICATION_JSON)
                  .bodyValue("{\"name\":\"%s\",\"type\":\"local\"}".formatted(name))
                  .exchange()
                  .expectStatus()
                  .isCreated()
                  .expectBody(Map.class)
                  .returnResult()
                  .getResponseBody()
                  .get("id");
      CompletableFuture<Void> executor = CompletableFuture.runAsync(() -> answer(storageId));
      (s % 2 == 0 ? second : first)
          .post()
          .uri("/api/v1/storages/{id}/test", storageId)
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("REACHABLE")
          .jsonPath("$.executorId")
          .isEqualTo("executor-for-" + name);
      executor.join();
    }
  }

  /** Plays the executor: waits for the check of this storage and answers it. */
  private void answer(String storageId) {
    StorageTestRequested request =
        (StorageTestRequested)
            kafka
                .awaitEnvelope(
                    e ->
                        e.payload() instanceof StorageTestRequested r
                            && r.storage().id().equals(storageId),
                    Duration.ofSeconds(30))
                .payload();
    kafka.send(
        Topics.EXECUTOR_RESULTS,
        Envelope.wrap(
            UUID.randomUUID(),
            new StorageTested(
                request.requestId(),
                storageId,
                "executor-for-" + request.storage().name(),
                true,
                null),
            "executor-service",
            Instant.now()));
  }

  /** The plan's event versions as stored on the topic, a record read twice counted once. */
  private List<Long> versions(String planId) {
    Map<String, Long> byOffset = new TreeMap<>();
    for (ConsumerRecord<String, Envelope<Message>> record : kafka.records()) {
      if (planId.equals(record.key())
          && record.value() != null
          && record.value().payload() instanceof PlanChanged changed) {
        byOffset.put(
            "%05d-%012d".formatted(record.partition(), record.offset()), changed.plan().version());
      }
    }
    return new ArrayList<>(byOffset.values());
  }
}
