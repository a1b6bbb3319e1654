package io.syncplan.plan.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.plan.PlanServiceTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlanServiceTest
class ApiSecurityTest {

  static final String PLAN =
      """
      {"name":"%s","source":{"path":"/data/s"},"destination":{"path":"/backup/s"},"mode":"COPY"}
      """;

  @Autowired WebTestClient http;

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
        .isUnauthorized();
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
    as(viewer).post().uri("/api/v1/plans/x/runs").exchange().expectStatus().isForbidden();
    as(viewer).post().uri("/api/v1/plans/x/resync").exchange().expectStatus().isForbidden();
    as(viewer).get().uri("/api/v1/keys").exchange().expectStatus().isForbidden();
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
