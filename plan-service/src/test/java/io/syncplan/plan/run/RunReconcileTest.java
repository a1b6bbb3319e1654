package io.syncplan.plan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.run.CancelRequested;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunHeld;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.HistoryMaintenanceTest;
import io.syncplan.plan.PlanServiceApplication;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two plan-service instances reconcile one history: runs no executor answers for are asked after
 * exactly once each (one command sent again, not one per instance), then ended FAILED with {@code
 * EXECUTOR_LOST} exactly once, with a cancel to their pool; runs an executor says it holds are left
 * alone however long they wait; a run whose outcome the history missed gets it from the executor's
 * answer.
 */
@HistoryMaintenanceTest
class RunReconcileTest {

  @Autowired WebTestClient http;
  @Autowired CommandTopics commandTopics;
  @Autowired MeterRegistry registry;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired KafkaListenerEndpointRegistry listeners;
  ConfigurableApplicationContext secondInstance;
  KafkaRecorder kafka;
  FakeExecutor executor;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    http =
        http.mutate()
            .defaultHeader("Authorization", PlanServiceTest.ADMIN)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    secondInstance =
        PlanServiceApplication.application()
            .run(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--syncplan.security.bootstrap-api-key=" + PlanServiceTest.ADMIN_KEY,
                "--syncplan.security.api-key-pepper=" + PlanServiceTest.PEPPER,
                "--spring.mongodb.database=syncplan-plans-maintenance",
                "--syncplan.outbox.sweep-interval=500ms",
                "--syncplan.runs.reconcile.stale-after=2s",
                "--syncplan.runs.reconcile.interval=300ms",
                "--syncplan.runs.reconcile.resends=1");
    commandTopics.ensure("default").block();
    awaitGroupsShared();
    // Runs other test classes left unfinished on this database (or that their last events, read
    // by these instances, made) would be reconciled too, and counted.
    mongo.remove(new Query(), RunDocument.class).block(Duration.ofSeconds(10));
    kafka =
        KafkaRecorder.record(
            infrastructure.bootstrapServers(), Topics.commands("default"), Topics.RUN_EVENTS);
    executor = new FakeExecutor(kafka);
    endedBefore = endedOnceStill();
  }

  /**
   * Waits until both instances' Kafka listeners share each consumer group's partitions. While a
   * group rebalances (the second instance joining it), neither instance reads it: an executor's
   * answer, and the history's run events, would wait unread longer than stale-after, and the run
   * would be asked after and ended meanwhile.
   */
  private void awaitGroupsShared() {
    KafkaListenerEndpointRegistry second =
        secondInstance.getBean(KafkaListenerEndpointRegistry.class);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                listeners.getListenerContainers().stream()
                    .allMatch(
                        here -> {
                          Collection<TopicPartition> mine = assigned(here);
                          Collection<TopicPartition> theirs =
                              second.getListenerContainers().stream()
                                  .filter(
                                      there ->
                                          Objects.equals(here.getGroupId(), there.getGroupId()))
                                  .findFirst()
                                  .map(RunReconcileTest::assigned)
                                  .orElse(List.of());
                          return !mine.isEmpty()
                              && !theirs.isEmpty()
                              && Collections.disjoint(mine, theirs);
                        }));
  }

  private static Collection<TopicPartition> assigned(MessageListenerContainer container) {
    Collection<TopicPartition> partitions = container.getAssignedPartitions();
    return partitions == null ? List.of() : partitions;
  }

  /**
   * The runs ended by both instances so far, once the count holds still: a reconcile pass that took
   * a removed run before it was removed may still end it.
   */
  private double endedOnceStill() {
    AtomicReference<Double> last = new AtomicReference<>(-1.0);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(300))
        .during(Duration.ofSeconds(1))
        .until(
            () -> {
              double now = endedSoFar();
              return last.getAndSet(now) == now;
            });
    return last.get();
  }

  private double endedSoFar() {
    return reconciled(registry, "ended")
        + reconciled(secondInstance.getBean(MeterRegistry.class), "ended");
  }

  double endedBefore;

  @AfterEach
  void stop() {
    executor.stop();
    kafka.close();
    secondInstance.close();
  }

  @Test
  void runsNobodyHoldsAreAskedAfterOnceThenEndedOnceAndHeldRunsAreLeftAlone() {
    String lostPlan = createPlan("lost-" + UUID.randomUUID());
    String heldPlan = createPlan("held-" + UUID.randomUUID());
    executor.answerFor(heldPlan, request -> held(request, RunHeld.State.QUEUED, null));
    List<String> lost = new ArrayList<>();
    List<String> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      lost.add(runNow(lostPlan));
      held.add(runNow(heldPlan));
    }

    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> lost.stream().allMatch(runId -> "FAILED".equals(status(runId))));
    // Long enough for the held runs to be asked after again and again.
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> held.stream().allMatch(runId -> commands(runId, RunRequested.class) >= 3));

    for (String runId : lost) {
      Map<?, ?> run = run(runId);
      assertThat(((Map<?, ?>) run.get("error")).get("reason")).isEqualTo("EXECUTOR_LOST");
      assertThat(commands(runId, RunRequested.class)).as("asked after once").isEqualTo(2);
      assertThat(commands(runId, CancelRequested.class)).as("cancelled once").isEqualTo(1);
      assertThat(events(runId, RunFinished.class)).as("ended once").isEqualTo(1);
    }
    for (String runId : held) {
      assertThat(status(runId)).isEqualTo("QUEUED");
      assertThat(events(runId, RunFinished.class)).isZero();
      assertThat(commands(runId, CancelRequested.class)).isZero();
    }
    assertThat(endedSoFar() - endedBefore).isEqualTo(lost.size());
    assertThat(
            http.get()
                .uri("/api/v1/runs/" + lost.get(0) + "/log")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody())
        .contains("EXECUTOR_LOST");
  }

  @Test
  void aRunWhoseOutcomeTheHistoryMissedGetsItFromTheExecutorsAnswer() {
    String planId = createPlan("missed-" + UUID.randomUUID());
    Instant at = Instant.now();
    executor.answerFor(
        planId,
        request ->
            held(
                request,
                RunHeld.State.FINISHED,
                new RunFinished(
                    request.runId(),
                    planId,
                    RunStatus.SUCCEEDED,
                    at,
                    at.plusSeconds(3),
                    1,
                    false,
                    new RunStats(7, 0, 0, 0, 700, 0, 0, 0),
                    null,
                    null)));
    String runId = runNow(planId);

    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> "SUCCEEDED".equals(status(runId)));
    assertThat(((Map<?, ?>) run(runId).get("stats")).get("filesAdded")).isEqualTo(7);
    double restored =
        reconciled(registry, "restored")
            + reconciled(secondInstance.getBean(MeterRegistry.class), "restored");
    assertThat(restored).isGreaterThanOrEqualTo(1);
    assertThat(events(runId, RunFinished.class)).as("no new outcome event").isZero();
  }

  private static RunHeld held(RunRequested request, RunHeld.State state, RunFinished outcome) {
    return new RunHeld(request.runId(), request.planId(), state, null, outcome);
  }

  private static double reconciled(MeterRegistry registry, String action) {
    return registry.get("syncplan.runs.reconciled").tag("action", action).counter().count();
  }

  private long commands(String runId, Class<? extends Message> type) {
    return count(Topics.commands("default"), runId, type);
  }

  private long events(String runId, Class<? extends Message> type) {
    return count(Topics.RUN_EVENTS, runId, type);
  }

  private long count(String topic, String runId, Class<? extends Message> type) {
    return kafka.records().stream()
        .filter(record -> record.topic().equals(topic) && record.value() != null)
        .map(ConsumerRecord::value)
        .filter(envelope -> runId.equals(envelope.runId()) && type.isInstance(envelope.payload()))
        .count();
  }

  private String createPlan(String name) {
    return (String)
        http.post()
            .uri("/api/v1/plans")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                """
                {"name":"%s","source":{"path":"/data/%s"},"destination":{"path":"/backup/%s"},
                 "mode":"MIRROR"}
                """
                    .formatted(name, name, name))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  private String runNow(String planId) {
    return (String)
        http.post()
            .uri("/api/v1/plans/" + planId + "/runs")
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("runId");
  }

  private Map<?, ?> run(String runId) {
    return http.get()
        .uri("/api/v1/runs/" + runId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private String status(String runId) {
    return (String) run(runId).get("status");
  }

  /**
   * Plays the executors of the default pool for the plans it is told about: answers each run
   * command of such a plan, as an executor whose ledger already has the run does.
   */
  static final class FakeExecutor {

    private final KafkaRecorder kafka;
    private final Map<String, Function<RunRequested, RunHeld>> answers = new ConcurrentHashMap<>();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;

    FakeExecutor(KafkaRecorder kafka) {
      this.kafka = kafka;
      this.thread = new Thread(this::loop, "fake-executor");
      this.thread.setDaemon(true);
      this.thread.start();
    }

    void answerFor(String planId, Function<RunRequested, RunHeld> answer) {
      answers.put(planId, answer);
    }

    private void loop() {
      while (running) {
        for (ConsumerRecord<String, Envelope<Message>> record : kafka.records()) {
          String key = record.topic() + "/" + record.partition() + "/" + record.offset();
          if (record.value() != null
              && record.value().payload() instanceof RunRequested request
              && answers.containsKey(request.planId())
              && answered.add(key)) {
            RunHeld answer = answers.get(request.planId()).apply(request);
            kafka.send(
                Topics.EXECUTOR_RESULTS,
                Envelope.wrap(UUID.randomUUID(), answer, "fake-executor", Instant.now()));
          }
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stop() {
      running = false;
      thread.interrupt();
    }
  }
}
