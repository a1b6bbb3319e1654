package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the console's plan table and overview ask of the plan list: states, sorting, counts. */
@PlanServiceTest
class PlanListQueryTest {

  @Autowired WebTestClient http;
  KafkaRecorder kafka;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    kafka = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.RUN_EVENTS);
  }

  @AfterEach
  void stop() {
    kafka.close();
  }

  String create(String name, String extra) {
    return (String)
        http.post()
            .uri("/api/v1/plans")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                """
                {"name":"%s","tags":["query"],"source":{"path":"/data/%s"},
                 "destination":{"path":"/backup/%s"},"mode":"MIRROR"%s}
                """
                    .formatted(name, name, name, extra))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  void finish(String planId, RunStatus status, String reason, Instant at) {
    kafka.send(
        Topics.RUN_EVENTS,
        Envelope.wrap(
            UUID.randomUUID(),
            new RunFinished(
                UUID.randomUUID().toString(),
                planId,
                status,
                at.minusSeconds(5),
                at,
                1,
                false,
                null,
                null,
                reason == null ? null : new RunError(reason, "it went wrong: " + reason, 1, null)),
            "test-executor",
            at));
  }

  @SuppressWarnings("unchecked")
  List<String> names(String query) {
    Map<String, Object> page =
        http.get()
            .uri("/api/v1/plans?tag=query&" + query)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((List<Map<String, Object>>) page.get("items"))
        .stream().map(item -> (String) item.get("name")).toList();
  }

  @Test
  void plansAreFilteredByStateSortedAndCountedWithTheReasonsOfTheirFailures() {
    String healthy = create("q-healthy", "");
    String failing = create("q-failing", "");
    String resync = create("q-resync", ",\"mode\":\"BISYNC\"");
    create("q-paused", ",\"paused\":true");
    Instant now = Instant.now();
    finish(healthy, RunStatus.SUCCEEDED, null, now.minusSeconds(30));
    finish(failing, RunStatus.FAILED, "RCLONE_ERROR", now.minusSeconds(20));
    finish(resync, RunStatus.FAILED, "BISYNC_NEEDS_RESYNC", now.minusSeconds(10));

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(names("state=FAILING")).containsExactly("q-failing"));
    assertThat(names("state=NEEDS_RESYNC")).containsExactly("q-resync");
    assertThat(names("state=PAUSED")).containsExactly("q-paused");
    assertThat(names("state=HEALTHY")).containsExactly("q-healthy");
    assertThat(names("state=PAUSED&state=HEALTHY")).containsExactly("q-healthy", "q-paused");

    assertThat(names("sort=name,desc"))
        .containsExactly("q-resync", "q-paused", "q-healthy", "q-failing");
    // latest finished first; plans that never ran come last
    assertThat(names("sort=lastRun,desc"))
        .containsExactly("q-resync", "q-failing", "q-healthy", "q-paused");
    assertThat(names("sort=lastRun&size=2&page=0")).containsExactly("q-healthy", "q-failing");

    http.get()
        .uri("/api/v1/plans?sort=size")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("sort");

    http.get()
        .uri("/api/v1/plans/overview")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.byState.FAILING")
        .value(count -> assertThat(((Number) count).intValue()).isGreaterThanOrEqualTo(1))
        .jsonPath("$.recentFailures[0].planName")
        .isEqualTo("q-resync")
        .jsonPath("$.recentFailures[0].lastRun.reason")
        .isEqualTo("BISYNC_NEEDS_RESYNC")
        .jsonPath("$.recentFailures[1].lastRun.message")
        .isEqualTo("it went wrong: RCLONE_ERROR")
        .jsonPath("$.tags")
        .value(tags -> assertThat((List<String>) tags).contains("query"))
        .jsonPath("$.pools")
        .value(pools -> assertThat((List<String>) pools).contains("default"));
  }
}
