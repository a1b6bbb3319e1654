package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What operators scrape and probe: per-plan gauges kept from real run events, lag, probes. */
@PlanServiceTest
class PlanMetricsTest {

  @Autowired WebTestClient http;
  @Autowired ReactiveMongoTemplate mongo;
  KafkaRecorder kafka;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    kafka = KafkaRecorder.record(infrastructure.bootstrapServers());
  }

  @AfterEach
  void stop() {
    kafka.close();
  }

  @Test
  void failuresCountOnceEachUntilASuccessAndADeletedPlansSeriesGo() {
    String planId = createPlan("metrics-plan");
    String series = "{plan=\"metrics-plan\",plan_id=\"" + planId + "\"}";
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains("syncplan_plan_consecutive_failures" + series + " 0.0")
                    .contains("syncplan_plan_out_of_sync" + series + " 0.0")
                    .contains("syncplan_plan_last_success_timestamp_seconds" + series + " NaN"));

    Instant started =
        Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Envelope<RunFinished> failed = finished(planId, "run-1", RunStatus.FAILED, started);
    kafka.send(Topics.RUN_EVENTS, failed);
    kafka.send(Topics.RUN_EVENTS, failed); // redelivered: must not count twice
    kafka.send(
        Topics.RUN_EVENTS, finished(planId, "run-2", RunStatus.PARTIAL, started.plusSeconds(10)));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains("syncplan_plan_consecutive_failures" + series + " 2.0"));

    Instant finishedAt = started.plusSeconds(25);
    kafka.send(
        Topics.RUN_EVENTS, finished(planId, "run-3", RunStatus.SUCCEEDED, started.plusSeconds(20)));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains("syncplan_plan_consecutive_failures" + series + " 0.0")
                    .contains(
                        "syncplan_plan_last_success_timestamp_seconds"
                            + series
                            + " "
                            + (double) finishedAt.getEpochSecond()));

    http.delete().uri("/api/v1/plans/{id}", planId).exchange().expectStatus().is2xxSuccessful();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(scrape()).doesNotContain(planId));
  }

  @Test
  void plansStoredBeforeTheFailureCountExistedStillReadAndCountFromZero() {
    String planId = createPlan("stored-before-metrics");
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(planId)),
            new Update().unset("consecutiveFailures").unset("lastSuccessAt"),
            "plans")
        .block(Duration.ofSeconds(10));

    PlanDocument stored = mongo.findById(planId, PlanDocument.class).block(Duration.ofSeconds(10));

    assertThat(stored).isNotNull();
    assertThat(stored.consecutiveFailures()).isZero();
    assertThat(stored.lastSuccessAt()).isNull();
    http.get()
        .uri("/api/v1/plans?q=stored-before-metrics")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].id")
        .isEqualTo(planId);
  }

  /**
   * The consumer-level maximum lag is there as soon as each listener's consumer runs; the
   * per-partition {@code kafka_consumer_fetch_manager_records_lag{topic,partition}} follows within
   * Micrometer's one-minute refresh of Kafka client metrics (seen here, not waited for).
   */
  @Test
  void consumerLagOfEveryListenerIsExported() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains(
                        "kafka_consumer_fetch_manager_records_lag_max{client_id=\"consumer-plan-service.run-events-",
                        "kafka_consumer_fetch_manager_records_lag_max{client_id=\"consumer-plan-service.schedule-events-",
                        "kafka_consumer_fetch_manager_records_lag_max{client_id=\"consumer-plan-service.executor-results-",
                        "kafka_consumer_fetch_manager_records_lag_max{client_id=\"consumer-plan-service.notification-events-"));
  }

  @Test
  void requestsAreTimedPerRouteWithoutSpringSecuritysTimingsOfItsOwnFilters() {
    http.get().uri("/api/v1/plans?size=1").exchange().expectStatus().isOk();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains("http_server_requests_seconds_count{")
                    .contains("uri=\"/api/v1/plans\"")
                    .doesNotContain("spring_security_"));
  }

  @Test
  void readinessWaitsForMongoAndKafkaWhileLivenessIsTheJvmAlone() {
    http.get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.mongo.status")
        .isEqualTo("UP")
        .jsonPath("$.components.kafka.status")
        .isEqualTo("UP")
        .jsonPath("$.components.readinessState.status")
        .isEqualTo("UP");
    http.get()
        .uri("/actuator/health/liveness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components")
        .doesNotExist();
  }

  private String scrape() {
    return http.get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  private static Envelope<RunFinished> finished(
      String planId, String runId, RunStatus status, Instant startedAt) {
    RunFinished finished =
        new RunFinished(
            runId, planId, status, startedAt, startedAt.plusSeconds(5), 1, false, null, null, null);
    return Envelope.wrap(UUID.randomUUID(), finished, "test-executor", startedAt.plusSeconds(5));
  }

  private String createPlan(String name) {
    return (String)
        http.post()
            .uri("/api/v1/plans")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                """
                {"name":"%s","source":{"path":"/data/%s"},"destination":{"path":"/backup/%s"},
                 "mode":"MIRROR","schedule":{"type":"INTERVAL","everyMinutes":15}}
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
}
