package io.syncplan.plan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.run.ResyncChanges;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * NEEDS_RESYNC as plan-service keeps it: from the executor's announcement to the plan, its list
 * filter and gauge; runs refused with the reason; a resync and its preview asked for; the state
 * ended by the resync's success. This test plays the executor over the real broker.
 */
@PlanServiceTest
class ResyncApiTest {

  @Autowired WebTestClient http;
  @Autowired CommandTopics commandTopics;
  RunScenario scenario;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    scenario = RunScenario.start(http, commandTopics, infrastructure);
  }

  @AfterEach
  void stop() {
    scenario.close();
  }

  @Test
  void aPlanFoundNeedingAResyncShowsWhyRefusesRunsAndIsBackOnceItsResyncSucceeds() {
    String planId = scenario.createPlan("two-way", "BISYNC", "");
    Instant since = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    ResyncNeeded needed =
        new ResyncNeeded(
            planId,
            "run-that-found-it",
            ResyncNeeded.STATE_MISSING,
            "bisync's saved state of the plan is incomplete",
            since);

    scenario.send(needed);

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}", planId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.needsResync.reason")
                    .isEqualTo("STATE_MISSING")
                    .jsonPath("$.needsResync.message")
                    .isEqualTo("bisync's saved state of the plan is incomplete")
                    .jsonPath("$.needsResync.since")
                    .isEqualTo(since.toString())
                    .jsonPath("$.needsResync.runId")
                    .isEqualTo("run-that-found-it"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(listed("needsResync=true")).contains(planId));
    assertThat(listed("needsResync=false")).doesNotContain(planId);
    assertThat(scenario.gauge("syncplan_plan_needs_resync", planId)).isEqualTo("1.0");

    for (String refused : List.of("runs", "dry-run")) {
      http.post()
          .uri("/api/v1/plans/{id}/" + refused, planId)
          .exchange()
          .expectStatus()
          .isEqualTo(409)
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.reason")
          .isEqualTo("STATE_MISSING")
          .jsonPath("$.since")
          .isEqualTo(since.toString())
          .jsonPath("$.resync")
          .isEqualTo("/api/v1/plans/" + planId + "/resync")
          .jsonPath("$.detail")
          .value(
              detail ->
                  assertThat((String) detail)
                      .contains("needs a resync", "incomplete", "resync?preview=true"));
    }

    String previewId = resync(planId, "?preview=true");
    RunRequested preview = scenario.command(previewId);
    assertThat(preview.trigger()).isEqualTo(RunTrigger.RESYNC);
    assertThat(preview.dryRun()).isTrue();
    http.get()
        .uri("/api/v1/runs/{id}", previewId)
        .exchange()
        .expectBody()
        .jsonPath("$.trigger")
        .isEqualTo("RESYNC")
        .jsonPath("$.dryRun")
        .isEqualTo(true);
    // a successful preview changes nothing, and lists what the resync would do
    scenario.send(
        new RunFinished(
            previewId,
            planId,
            RunStatus.SUCCEEDED,
            since.plusSeconds(5),
            since.plusSeconds(6),
            1,
            true,
            null,
            new RunChanges(
                List.of("back.txt"),
                List.of("newer.txt"),
                List.of(),
                List.of("newer.txt"),
                List.of(),
                0,
                List.of(),
                new ResyncChanges(List.of("back.txt"), List.of(), List.of(), List.of("newer.txt"))),
            null));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/runs/{id}", previewId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("SUCCEEDED")
                    .jsonPath("$.changes.resync.addedToPath1[0]")
                    .isEqualTo("back.txt")
                    .jsonPath("$.changes.resync.replacedOnPath2[0]")
                    .isEqualTo("newer.txt"));
    assertThat(needsResync(planId)).isTrue();

    String resyncId = resync(planId, "");
    RunRequested resync = scenario.command(resyncId);
    assertThat(resync.trigger()).isEqualTo(RunTrigger.RESYNC);
    assertThat(resync.dryRun()).isFalse();
    assertThat(needsResync(planId)).isTrue();

    scenario.send(finished(planId, resyncId, false, since.plusSeconds(10)));

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(needsResync(planId)).isFalse());
    http.post().uri("/api/v1/plans/{id}/runs", planId).exchange().expectStatus().isAccepted();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(scenario.gauge("syncplan_plan_needs_resync", planId)).isEqualTo("0.0"));

    // the announcement delivered again, after the resync that ended it, changes nothing
    scenario.send(needed);
    scenario.send(finished(planId, "a-later-run", false, since.plusSeconds(20)));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}", planId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.lastRun.runId")
                    .isEqualTo("a-later-run"));
    assertThat(needsResync(planId)).isFalse();
  }

  @Test
  void onlyABisyncPlanCanBeResyncedAndPreviewIsTrueOrFalse() {
    String mirror = scenario.createPlan("one-way", "MIRROR", "");
    String bisync = scenario.createPlan("two-way-too", "BISYNC", "");

    http.post()
        .uri("/api/v1/plans/{id}/resync", mirror)
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("Only a BISYNC plan", "MIRROR"));
    http.post()
        .uri("/api/v1/plans/{id}/resync?preview=yes", bisync)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("preview");
    http.post().uri("/api/v1/plans/nope/resync").exchange().expectStatus().isNotFound();
  }

  private String resync(String planId, String query) {
    return (String)
        http.post()
            .uri("/api/v1/plans/{id}/resync" + query, planId)
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectHeader()
            .valueMatches("Location", "/api/v1/runs/.+")
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("runId");
  }

  private boolean needsResync(String planId) {
    Map<?, ?> plan =
        http.get()
            .uri("/api/v1/plans/{id}", planId)
            .exchange()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return plan.get("needsResync") != null;
  }

  @SuppressWarnings("unchecked")
  private List<String> listed(String query) {
    Map<String, Object> page =
        http.get()
            .uri("/api/v1/plans?size=500&" + query)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    return ((List<Map<String, Object>>) page.get("items"))
        .stream().map(plan -> (String) plan.get("id")).toList();
  }

  private static RunFinished finished(String planId, String runId, boolean dryRun, Instant at) {
    return new RunFinished(
        runId, planId, RunStatus.SUCCEEDED, at, at.plusSeconds(1), 1, dryRun, null, null, null);
  }
}
