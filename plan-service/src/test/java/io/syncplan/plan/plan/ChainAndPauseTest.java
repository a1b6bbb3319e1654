package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.AfterPlan;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

/** Chains between plans (trigger.after) and plans that pause themselves after failures. */
@PlanServiceTest
class ChainAndPauseTest {

  @Autowired WebTestClient http;
  KafkaRecorder kafka;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    kafka =
        KafkaRecorder.record(
            infrastructure.bootstrapServers(), Topics.PLAN_EVENTS, Topics.RUN_EVENTS);
  }

  @AfterEach
  void stop() {
    kafka.close();
  }

  @Test
  void aChainNamesItsPlanByNameOrIdKeepsTheIdAndShowsBothEnds() {
    String first = create(plan("chain-first", null, null)).get("id").toString();
    String second =
        create(
                plan(
                    "chain-second",
                    null,
                    "{\"after\":[{\"plan\":\"chain-first\",\"on\":[\"SUCCESS\",\"PARTIAL\"]}]}"))
            .get("id")
            .toString();
    String third =
        create(plan("chain-third", null, "{\"after\":[{\"plan\":\"" + second + "\"}]}"))
            .get("id")
            .toString();

    http.get()
        .uri("/api/v1/plans/{id}", second)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.trigger.after[0].plan")
        .isEqualTo(first)
        .jsonPath("$.trigger.after[0].on")
        .isEqualTo(List.of("SUCCESS", "PARTIAL"));
    http.get()
        .uri("/api/v1/plans/{id}/chain", second)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.after[0].planId")
        .isEqualTo(first)
        .jsonPath("$.after[0].name")
        .isEqualTo("chain-first")
        .jsonPath("$.starts[0].planId")
        .isEqualTo(third)
        .jsonPath("$.starts[0].name")
        .isEqualTo("chain-third")
        .jsonPath("$.starts[0].on")
        .isEqualTo(List.of("SUCCESS"));

    PlanChanged published =
        (PlanChanged)
            kafka
                .awaitEnvelope(
                    e -> e.planId().equals(second) && e.payload() instanceof PlanChanged,
                    Duration.ofSeconds(20))
                .payload();
    assertThat(published.plan().trigger().after())
        .containsExactly(new AfterPlan(first, Set.of(RunOutcome.SUCCESS, RunOutcome.PARTIAL)));

    // a merge patch that leaves the chain alone keeps it, by id
    http.patch()
        .uri("/api/v1/plans/{id}", second)
        .contentType(MediaType.valueOf("application/merge-patch+json"))
        .bodyValue("{\"description\":\"after the first\"}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.trigger.after[0].plan")
        .isEqualTo(first);
  }

  @Test
  void aChainToAnUnknownPlanOrToOnePlanTwiceIsRefusedNamingTheFieldAndNothingIsStored() {
    create(plan("chain-known", null, null));
    post(plan(
            "chain-orphan",
            null,
            "{\"after\":[{\"plan\":\"chain-known\"},{\"plan\":\"no-such-plan\"},"
                + "{\"plan\":\"chain-known\",\"on\":[\"FAILURE\"]}]}"))
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("trigger.after[1].plan")
        .jsonPath("$.errors[0].message")
        .isEqualTo("no plan has the id or name 'no-such-plan'")
        .jsonPath("$.errors[1].field")
        .isEqualTo("trigger.after[2].plan")
        .jsonPath("$.errors[1].message")
        .isEqualTo("names the same plan as trigger.after[0]");
    post(plan(
            "chain-bad-outcome",
            null,
            "{\"after\":[{\"plan\":\"chain-known\",\"on\":[\"START\"]}]}"))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("trigger.after[0].on[0]");

    http.get().uri("/api/v1/plans/by-name/chain-orphan").exchange().expectStatus().isNotFound();
  }

  @Test
  void aChainThatWouldCloseACycleIsRefusedNamingTheCycle() {
    String a = create(plan("cycle-a", null, null)).get("id").toString();
    create(plan("cycle-b", null, "{\"after\":[{\"plan\":\"cycle-a\"}]}"));
    create(plan("cycle-c", null, "{\"after\":[{\"plan\":\"cycle-b\"}]}"));

    patch(a, "{\"trigger\":{\"after\":[{\"plan\":\"cycle-c\"}]}}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("trigger.after[0].plan")
        .jsonPath("$.errors[0].message")
        .isEqualTo("would make a cycle: cycle-a → cycle-b → cycle-c → cycle-a");
    patch(a, "{\"trigger\":{\"after\":[{\"plan\":\"cycle-a\"}]}}")
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].message")
        .isEqualTo("would make a cycle: cycle-a → cycle-a");

    http.get()
        .uri("/api/v1/plans/{id}", a)
        .exchange()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(1)
        .jsonPath("$.trigger.after")
        .isEmpty();
  }

  @Test
  void aPlanPausesItselfAfterItsFailuresInARowSaysWhyAndResumingClearsTheCount() {
    post(plan("pause-zero", "\"pauseAfterFailures\":0", null))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("schedule.pauseAfterFailures");
    String id = create(plan("pause-two", "\"pauseAfterFailures\":2", null)).get("id").toString();
    double pausedBefore = pausedCounter();
    Instant t0 = Instant.now().minusSeconds(300).truncatedTo(ChronoUnit.SECONDS);

    kafka.send(Topics.RUN_EVENTS, failed(id, "pause-run-1", t0));
    await().atMost(Duration.ofSeconds(20)).until(() -> failures(id) == 1);
    assertThat(get(id).get("paused")).isEqualTo(false);

    kafka.send(Topics.RUN_EVENTS, failed(id, "pause-run-2", t0.plusSeconds(60)));
    await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(get(id).get("paused")));
    assertThat((String) get(id).get("pausedReason"))
        .isEqualTo(
            "Paused after 2 failed runs in a row; the last, run pause-run-2, failed:"
                + " RCLONE_ERROR (directory not found)");
    PlanChanged paused =
        (PlanChanged)
            kafka
                .awaitEnvelope(
                    e ->
                        e.planId().equals(id)
                            && e.payload() instanceof PlanChanged changed
                            && changed.change() == PlanChange.PAUSED,
                    Duration.ofSeconds(20))
                .payload();
    assertThat(paused.plan().paused()).isTrue();
    assertThat(paused.plan().pausedReason()).startsWith("Paused after 2 failed runs in a row");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(pausedCounter()).isEqualTo(pausedBefore + 1));

    // redelivered, the last failure pauses nothing twice
    kafka.send(Topics.RUN_EVENTS, failed(id, "pause-run-2", t0.plusSeconds(60)));

    http.post()
        .uri("/api/v1/plans/{id}/resume", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paused")
        .isEqualTo(false)
        .jsonPath("$.pausedReason")
        .doesNotExist();
    await().atMost(Duration.ofSeconds(20)).until(() -> failures(id) == 0);

    kafka.send(Topics.RUN_EVENTS, failed(id, "pause-run-3", t0.plusSeconds(120)));
    await().atMost(Duration.ofSeconds(20)).until(() -> failures(id) == 1);
    assertThat(get(id).get("paused")).isEqualTo(false);
    assertThat(pausedCounter()).isEqualTo(pausedBefore + 1);
  }

  private static String plan(String name, String scheduleExtra, String trigger) {
    String schedule =
        "{\"type\":\"INTERVAL\",\"everyMinutes\":15"
            + (scheduleExtra == null ? "" : "," + scheduleExtra)
            + "}";
    return """
        {"name":"%s","source":{"path":"/data/%s"},"destination":{"path":"/backup/%s"},
         "mode":"MIRROR","schedule":%s%s}
        """
        .formatted(name, name, name, schedule, trigger == null ? "" : ",\"trigger\":" + trigger);
  }

  private ResponseSpec post(String body) {
    return http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  private ResponseSpec patch(String id, String body) {
    return http.patch()
        .uri("/api/v1/plans/{id}", id)
        .contentType(MediaType.valueOf("application/merge-patch+json"))
        .bodyValue(body)
        .exchange();
  }

  private Map<?, ?> create(String body) {
    return post(body)
        .expectStatus()
        .isCreated()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private Map<?, ?> get(String id) {
    return http.get()
        .uri("/api/v1/plans/{id}", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private int failures(String id) {
    List<?> items =
        (List<?>)
            http.get()
                .uri("/api/v1/plans?q={name}", "pause-two")
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("items");
    return items.stream()
        .map(Map.class::cast)
        .filter(item -> id.equals(item.get("id")))
        .map(item -> ((Number) item.get("consecutiveFailures")).intValue())
        .findFirst()
        .orElse(-1);
  }

  private double pausedCounter() {
    String scrape =
        http.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    return scrape
        .lines()
        .filter(line -> line.startsWith("syncplan_plan_paused_after_failures_total "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
        .findFirst()
        .orElseThrow();
  }

  private static Envelope<RunFinished> failed(String planId, String runId, Instant startedAt) {
    RunFinished finished =
        new RunFinished(
            runId,
            planId,
            RunStatus.FAILED,
            startedAt,
            startedAt.plusSeconds(5),
            1,
            false,
            null,
            null,
            new RunError("RCLONE_ERROR", "directory not found", 3, List.of()));
    return Envelope.wrap(UUID.randomUUID(), finished, "test-executor", startedAt.plusSeconds(5));
  }
}
