package io.syncplan.plan.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.plan.PlanServiceTest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlanServiceTest
class ApiSecurityTest {

  static final String PLAN =
      """
      {"name":"%s","source":{"path":"/data/s"},"destination":{"path":"/backup/s"},"mode":"COPY"}
      """;

  @Autowired WebTestClient http;

  @Value("${local.server.port}")
  int port;

  WebTestClient as(String key) {
    return http.mutate().defaultHeader("Authorization", "Bearer " + key).build();
  }

  String issue(String name, String role) {
    Map<?, ?> issued =
        as(PlanServiceTest.ADMIN_KEY)
            .post()
            .uri("/api/v1/keys")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", name, "role", role))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return (String) issued.get("key");
  }

  @Test
  void everyApiEndpointNeedsCredentialsAndSaysSoAsAProblem() {
    for (String path :
        List.of("/api/v1/plans", "/api/v1/runs", "/api/v1/storages", "/api/v1/keys")) {
      http.get()
          .uri(path)
          .exchange()
          .expectStatus()
          .isUnauthorized()
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectHeader()
          .valueMatches("WWW-Authenticate", "Bearer.*")
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo(401);
    }
    as("spk_not-a-key-at-all")
        .get()
        .uri("/api/v1/plans")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .json(
            """
            {"type":"https://syncplan.dev/problems/unauthorized","title":"Authentication required",
             "status":401,"detail":"The bearer token is not a valid API key or token.",
             "instance":"/api/v1/plans"}
            """,
            JsonCompareMode.STRICT);
    as(PlanServiceTest.ADMIN.substring("Bearer ".length()))
        .get()
        .uri(URI.create("http://127.0.0.1:" + port + "/api/v1/plans/a%2Fb"))
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .json(
            """
            {"type":"https://syncplan.dev/problems/invalid-request","title":"Invalid request",
             "status":400,"instance":"/api/v1/plans/a%2Fb",
             "detail":"The request line is not allowed: it holds characters such as an encoded '/' or NUL."}
            """,
            JsonCompareMode.STRICT);
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(PLAN.formatted("anonymous"))
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void healthAndMetricsStayOpenButTheApiDescriptionDoesNot() {
    http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    http.get().uri("/v3/api-docs").exchange().expectStatus().isUnauthorized();
    http.get().uri("/some/other/path").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void aViewerReadsButChangesNothing() {
    String viewer = issue("reader", "VIEWER");
    as(viewer).get().uri("/api/v1/plans").exchange().expectStatus().isOk();
    as(viewer)
        .post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(PLAN.formatted("by-viewer"))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    as(viewer)
        .post()
        .uri("/api/v1/plans/x/runs")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .json(
            """
            {"type":"https://syncplan.dev/problems/forbidden","title":"Not allowed","status":403,
             "detail":"Your role does not allow this: viewers read; operators also run, pause,\
             resume and cancel; admins also change plans, storages and keys.",
             "instance":"/api/v1/plans/x/runs"}
            """,
            JsonCompareMode.STRICT);
    as(viewer).post().uri("/api/v1/plans/x/resync").exchange().expectStatus().isForbidden();
    as(viewer).get().uri("/api/v1/keys").exchange().expectStatus().isForbidden();
    as(viewer)
        .post()
        .uri("/api/v1/schedules/preview")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"type\":\"HOURLY\",\"minute\":5}")
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void anOperatorRunsAndPausesButCannotChangePlans() {
    String planId =
        (String)
            as(PlanServiceTest.ADMIN_KEY)
                .post()
                .uri("/api/v1/plans")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PLAN.formatted("operated"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    String operator = issue("runner", "OPERATOR");
    as(operator)
        .post()
        .uri("/api/v1/plans/{id}/runs", planId)
        .exchange()
        .expectStatus()
        .isAccepted();
    as(operator).post().uri("/api/v1/plans/{id}/pause", planId).exchange().expectStatus().isOk();
    // allowed to ask; refused only because this plan is no BISYNC plan
    as(operator)
        .post()
        .uri("/api/v1/plans/{id}/resync?preview=true", planId)
        .exchange()
        .expectStatus()
        .isEqualTo(409);
    as(operator).post().uri("/api/v1/plans/{id}/resume", planId).exchange().expectStatus().isOk();
    as(operator)
        .put()
        .uri("/api/v1/plans/{id}", planId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(PLAN.formatted("operated"))
        .exchange()
        .expectStatus()
        .isForbidden();
    as(operator).delete().uri("/api/v1/plans/{id}", planId).exchange().expectStatus().isForbidden();
  }

  @Test
  void keysAreShownOnceStoredHashedAndStopWorkingWhenRevoked() {
    String key = issue("short-lived", "VIEWER");
    assertThat(key).startsWith("spk_");
    String listed =
        as(PlanServiceTest.ADMIN_KEY)
            .get()
            .uri("/api/v1/keys")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(listed).contains("short-lived").doesNotContain(key);

    as(key).get().uri("/api/v1/plans").exchange().expectStatus().isOk();
    List<?> keys =
        as(PlanServiceTest.ADMIN_KEY)
            .get()
            .uri("/api/v1/keys")
            .exchange()
            .expectBody(List.class)
            .returnResult()
            .getResponseBody();
    String id =
        keys.stream()
            .map(Map.class::cast)
            .filter(k -> "short-lived".equals(k.get("name")))
            .map(k -> (String) k.get("id"))
            .findFirst()
            .orElseThrow();
    as(PlanServiceTest.ADMIN_KEY)
        .delete()
        .uri("/api/v1/keys/{id}", id)
        .exchange()
        .expectStatus()
        .isNoContent();
    as(key).get().uri("/api/v1/plans").exchange().expectStatus().isUnauthorized();
  }

  @Test
  void theLastAdminKeyCannotBeRevoked() {
    List<?> keys =
        as(PlanServiceTest.ADMIN_KEY)
            .get()
            .uri("/api/v1/keys")
            .exchange()
            .expectBody(List.class)
            .returnResult()
            .getResponseBody();
    keys.stream()
        .map(Map.class::cast)
        .filter(k -> "ADMIN".equals(k.get("role")) && !"bootstrap".equals(k.get("id")))
        .forEach(
            k ->
                as(PlanServiceTest.ADMIN_KEY)
                    .delete()
                    .uri("/api/v1/keys/{id}", k.get("id"))
                    .exchange()
                    .expectStatus()
                    .isNoContent());
    as(PlanServiceTest.ADMIN_KEY)
        .delete()
        .uri("/api/v1/keys/bootstrap")
        .exchange()
        .expectStatus()
        .isEqualTo(409);
  }

  @Test
  void theApiDescriptionIsServedToCallersWithExamples() {
    as(PlanServiceTest.ADMIN_KEY)
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paths['/api/v1/plans'].post")
        .exists()
        .jsonPath("$.paths['/api/v1/plans/by-name/{name}'].put")
        .exists()
        .jsonPath("$.paths['/api/v1/runs/{runId}/events'].get")
        .exists()
        .jsonPath("$.components.securitySchemes.bearer")
        .exists();
  }
}
