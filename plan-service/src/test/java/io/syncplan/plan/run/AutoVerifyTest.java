package io.syncplan.plan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.VerifyMethod;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A plan's own verification policy, its last verification on the plan and in the gauges, and that
 * restores and verifications are not the plan's runs: they neither make it in sync nor failing.
 * This test plays the executor over the real broker.
 */
@PlanServiceTest
class AutoVerifyTest {

  @Autowired WebTestClient http;
  @Autowired CommandTopics commandTopics;
  @Autowired AutoVerify autoVerify;
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
  void
      anEveryRunPlanIsVerifiedOnceAfterEachSuccessfulSyncAndItsLastVerificationIsShownAndMeasured() {
    String planId = createPlan("verified-every-run", "EVERY_RUN", "SIZE");
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    RunFinished sync =
        new RunFinished(
            "sync-" + UUID.randomUUID(),
            planId,
            RunStatus.SUCCEEDED,
            at,
            at.plusSeconds(1),
            1,
            false,
            null,
            null,
            null);

    scenario.send(sync);
    scenario.send(sync);

    RunRequested verify = scenario.command("verify-after-" + sync.runId());
    assertThat(verify.kind()).isEqualTo(RunKind.VERIFY);
    assertThat(verify.verify().method()).isEqualTo(VerifyMethod.SIZE);
    // a failed sync is not verified; once the plan shows it, both deliveries above were handled
    String failed = "failed-" + UUID.randomUUID();
    scenario.send(
        new RunFinished(
            failed, planId, RunStatus.FAILED, at, at.plusSeconds(2), 1, false, null, null, null));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}", planId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.lastRun.runId")
                    .isEqualTo(failed));

    Instant verifiedAt = at.plusSeconds(30);
    scenario.send(
        new RunFinished(
            verify.runId(),
            planId,
            RunStatus.PARTIAL,
            at.plusSeconds(20),
            verifiedAt,
            1,
            false,
            new RunStats(0, 0, 0, 0, 0, 5, 0, 0, 0L, 2L, 1L, 1L, 1L),
            RunChanges.verified(List.of("a", "b"), List.of("c"), List.of("d"), List.of("e"), 0),
            null,
            RunKind.VERIFY));

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}", planId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.lastVerification.runId")
                    .isEqualTo(verify.runId())
                    .jsonPath("$.lastVerification.differences")
                    .isEqualTo(3)
                    .jsonPath("$.verify.after")
                    .isEqualTo("EVERY_RUN"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertThat(scenario.gauge("syncplan_plan_verify_differences", planId))
                  .isEqualTo("3.0");
              assertThat(
                      Double.parseDouble(
                          scenario.gauge("syncplan_plan_last_verified_timestamp_seconds", planId)))
                  .isEqualTo(verifiedAt.toEpochMilli() / 1000.0);
            });
    // the verification that found differences is not the plan's last run, nor a failure of it
    http.get()
        .uri("/api/v1/plans/{id}", planId)
        .exchange()
        .expectBody()
        .jsonPath("$.lastRun.runId")
        .isEqualTo(failed);
    assertThat(scenario.gauge("syncplan_plan_consecutive_failures", planId)).isEqualTo("1.0");
    assertThat(
            scenario.envelopes().stream()
                .filter(
                    e ->
                        e.payload() instanceof RunRequested r
                            && r.plan().id().equals(planId)
                            && r.kind() == RunKind.VERIFY)
                .count())
        .isEqualTo(1);
  }

  @Test
  void aDailyPlanThatSyncedIsVerifiedOnceADayAndANeverPlanNever() {
    String daily = createPlan("verified-daily", "DAILY", "CHECKSUM");
    String never = createPlan("verified-never", "NEVER", null);
    String notSynced = createPlan("verified-daily-unsynced", "DAILY", null);
    Instant at = Instant.now();
    for (String planId : List.of(daily, never)) {
      scenario.send(
          new RunFinished(
              "sync-" + UUID.randomUUID(),
              planId,
              RunStatus.SUCCEEDED,
              at,
              at,
              1,
              false,
              null,
              null,
              null));
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}", never)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.lastRun.status")
                    .isEqualTo("SUCCEEDED"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}", daily)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.lastRun.status")
                    .isEqualTo("SUCCEEDED"));

    autoVerify.dailyOnce().block(Duration.ofSeconds(20));
    autoVerify.dailyOnce().block(Duration.ofSeconds(20));

    RunRequested verify = scenario.command(RunRequested.class, r -> r.plan().id().equals(daily));
    assertThat(verify.runId()).startsWith("verify-daily-" + daily + "-");
    assertThat(verify.verify().method()).isEqualTo(VerifyMethod.CHECKSUM);
    // a sync asked for now goes out after the verification, and nothing more for these plans
    String later =
        (String)
            http.post()
                .uri("/api/v1/plans/{id}/runs", never)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("runId");
    scenario.command(later);
    assertThat(
            scenario.envelopes().stream()
                .filter(e -> e.payload() instanceof RunRequested r && r.kind() == RunKind.VERIFY)
                .map(e -> ((RunRequested) e.payload()).plan().id())
                .filter(id -> id.equals(daily) || id.equals(never) || id.equals(notSynced))
                .toList())
        .containsExactly(daily);
  }

  private String createPlan(String name, String after, String method) {
    String verify =
        method == null
            ? "{\"after\":\"%s\"}".formatted(after)
            : "{\"after\":\"%s\",\"method\":\"%s\"}".formatted(after, method);
    return scenario.createPlan(name, "MIRROR", "\"verify\":" + verify);
  }
}
