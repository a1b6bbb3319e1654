package io.syncplan.plan.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.plan.PlanServiceTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/**
 * What one API key may take of an instance: a request rate, live run streams, and pages of a list
 * no deeper than the first 10,000 items. Each limit is answered as a problem that says what to do.
 */
@PlanServiceTest
class CallerLimitsTest {

  static final int REQUESTS = 20;

  @DynamicPropertySource
  static void tightLimits(DynamicPropertyRegistry registry) {
    registry.add("syncplan.security.rate-limit.requests", () -> REQUESTS);
    registry.add("syncplan.security.rate-limit.period", () -> "1h");
    registry.add("syncplan.security.max-live-streams", () -> 1);
  }

  @Autowired WebTestClient http;

  @BeforeEach
  void longerTimeout() {
    http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  String issue(String role) {
    return (String)
        http.post()
            .uri("/api/v1/keys")
            .header("Authorization", PlanServiceTest.ADMIN)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"name\":\"limited\",\"role\":\"" + role + "\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("key");
  }

  WebTestClient.ResponseSpec plans(String key) {
    return http.get().uri("/api/v1/plans").header("Authorization", "Bearer " + key).exchange();
  }

  @Test
  void aKeyBeyondItsRateIsAnswered429WithRetryAfterWhileOtherKeysCarryOn() {
    // two keys of one name: the limit is per key, not per name
    String limited = issue("VIEWER");
    String other = issue("VIEWER");
    for (int i = 0; i < REQUESTS; i++) {
      plans(limited).expectStatus().isOk();
    }

    plans(limited)
        .expectStatus()
        .isEqualTo(429)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .value(
            "Retry-After",
            seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, Duration.ofHours(1).toSeconds()))
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://syncplan.dev/problems/rate-limited")
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains(REQUESTS + " requests per"));
    plans(other).expectStatus().isOk();
  }

  @Test
  void aKeyMayHoldOnlySoManyLiveRunStreamsOpenAtOnce() {
    String planId =
        (String)
            http.post()
                .uri("/api/v1/plans")
                .header("Authorization", PlanServiceTest.ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    """
                    {"name":"streamed-%s","source":{"path":"/data/s"},
                     "destination":{"path":"/backup/s"},"mode":"MIRROR"}
                    """
                        .formatted(UUID.randomUUID()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    String runId =
        (String)
            http.post()
                .uri("/api/v1/plans/{id}/runs", planId)
                .header("Authorization", PlanServiceTest.ADMIN)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("runId");
    String operator = issue("OPERATOR");

    // the run stays queued (no executor here), so its stream stays open
    Disposable first =
        http.get()
            .uri("/api/v1/runs/{id}/events", runId)
            .header("Authorization", "Bearer " + operator)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseBody()
            .subscribe();
    try {
      http.get()
          .uri("/api/v1/runs/{id}/events", runId)
          .header("Authorization", "Bearer " + operator)
          .accept(MediaType.TEXT_EVENT_STREAM)
          .exchange()
          .expectStatus()
          .isEqualTo(429)
          .expectHeader()
          .exists("Retry-After")
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("https://syncplan.dev/problems/too-many-streams");
    } finally {
      first.dispose();
    }

    // closing the first stream frees its place
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/runs/{id}/events", runId)
                    .header("Authorization", "Bearer " + operator)
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .returnResult(String.class)
                    .getResponseBody()
                    .take(1)
                    .blockLast(Duration.ofSeconds(10)));
  }

  @Test
  void aPageDeeperThanTheFirstTenThousandItemsIsRefusedWithAClearProblem() {
    http.get()
        .uri("/api/v1/runs?page=199&size=50")
        .header("Authorization", PlanServiceTest.ADMIN)
        .exchange()
        .expectStatus()
        .isOk();
    for (String list : new String[] {"/api/v1/runs", "/api/v1/plans", "/api/v1/storages"}) {
      http.get()
          .uri(list + "?page=1000000&size=500")
          .header("Authorization", PlanServiceTest.ADMIN)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("page")
          .jsonPath("$.errors[0].message")
          .value(message -> assertThat((String) message).contains("narrow the list"));
    }
  }
}
