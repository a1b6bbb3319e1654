package io.syncplan.plan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.notification.DeliveryUpdated;
import io.syncplan.contracts.notification.TestNotificationRequested;
import io.syncplan.contracts.plan.PlanInitRequested;
import io.syncplan.contracts.plan.PlanInitialized;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.RevisionCleanupRequested;
import io.syncplan.contracts.plan.RevisionsCleaned;
import io.syncplan.contracts.run.CancelRequested;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.schedule.ScheduleUpdated;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Runs and operations on plans, with this test playing executor, scheduler and notification service
 * over the real broker.
 */
@PlanServiceTest
class RunApiTest {

  /** Every plan here runs hourly and calls a webhook. */
  static final String SCHEDULED_AND_NOTIFIED =
      """
      "schedule":{"type":"HOURLY","minute":5},
       "notifications":{"webhooks":[{"url":"https://hooks.example.com/hook"}]}""";

  @Autowired WebTestClient http;
  @Autowired CommandTopics commandTopics;
  RunScenario scenario;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    scenario = RunScenario.start(http, commandTopics, infrastructure, Topics.NOTIFICATION_COMMANDS);
  }

  @AfterEach
  void stop() {
    scenario.close();
  }

  @Test
  void aRunAskedForIsQueuedCommandedAndFollowedToItsEnd() {
    String planId = scenario.createPlan("followed", "MIRROR", SCHEDULED_AND_NOTIFIED);
    String runId = scenario.runNow(planId, "{\"priority\":\"LOW\"}");
    RunRequested requested = scenario.command(RunRequested.class, r -> r.runId().equals(runId));
    assertThat(requested.priority()).isEqualTo(Priority.LOW);
    assertThat(requested.plan().id()).isEqualTo(planId);

    Instant started = Instant.parse("2026-01-01T10:00:00Z");
    scenario.send(Topics.RUN_EVENTS, new RunStarted(runId, planId, 1, "executor-7", started));
    scenario.send(Topics.RUN_EVENTS, new RunProgress(runId, planId, 50, 100, 1, 2, 10.0, 5L));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/runs/{id}", runId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("RUNNING")
                    .jsonPath("$.progress.bytesDone")
                    .isEqualTo(50));

    Flux<ServerSentEvent<Map>> stream =
        http.mutate()
            .responseTimeout(Duration.ofSeconds(30))
            .build()
            .get()
            .uri("/api/v1/runs/{id}/events", runId)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(
                new org.springframework.core.ParameterizedTypeReference<ServerSentEvent<Map>>() {})
            .getResponseBody();

    RunChanges changes =
        new RunChanges(
            List.of("a.txt", "b.txt", "c.txt"), List.of("d.txt"), List.of("e.txt"), List.of(), 7);
    StepVerifier.create(stream.filter(event -> event.event() != null))
        .assertNext(event -> assertThat(event.event()).isEqualTo("run"))
        .then(
            () -> {
              scenario.send(
                  Topics.RUN_EVENTS, new RunProgress(runId, planId, 90, 100, 2, 2, 10.0, 1L));
              scenario.send(
                  Topics.RUN_EVENTS,
                  new RunFinished(
                      runId,
                      planId,
                      RunStatus.SUCCEEDED,
                      started,
                      started.plusSeconds(30),
                      1,
                      false,
                      new RunStats(3, 1, 1, 0, 1234, 10, 0),
                      changes,
                      null));
            })
        .thenConsumeWhile(
            event -> !"finished".equals(event.event()),
            event -> assertThat(event.event()).isIn("progress", "status", "update"))
        .assertNext(
            event -> {
              assertThat(event.event()).isEqualTo("finished");
              assertThat(event.data()).containsEntry("status", "SUCCEEDED");
            })
        .expectComplete()
        .verify(Duration.ofSeconds(30));

    http.get()
        .uri("/api/v1/runs/{id}/changes?size=2&page=1", runId)
        .exchange()
        .expectBody()
        .jsonPath("$.totalItems")
        .isEqualTo(5)
        .jsonPath("$.omitted")
        .isEqualTo(7)
        .jsonPath("$.items[0].path")
        .isEqualTo("c.txt")
        .jsonPath("$.items[1].kind")
        .isEqualTo("MODIFIED");
    http.get()
        .uri("/api/v1/runs/{id}/changes?q=C.TXT", runId)
        .exchange()
        .expectBody()
        .jsonPath("$.totalItems")
        .isEqualTo(1)
        .jsonPath("$.items[0].path")
        .isEqualTo("c.txt");
    http.get()
        .uri("/api/v1/runs/{id}/changes?kind=DELETED", runId)
        .exchange()
        .expectBody()
        .jsonPath("$.items[0].path")
        .isEqualTo("e.txt");
    String log =
        http.get()
            .uri("/api/v1/runs/{id}/log", runId)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(log).contains("attempt 1 started on executor-7", "SUCCEEDED after 1 attempt(s)");

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}", planId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.lastRun.runId")
                    .isEqualTo(runId)
                    .jsonPath("$.lastRun.status")
                    .isEqualTo("SUCCEEDED"));
    http.get()
        .uri("/api/v1/runs?planId={id}&status=SUCCEEDED", planId)
        .exchange()
        .expectBody()
        .jsonPath("$.totalItems")
        .isEqualTo(1);
    http.get()
        .uri("/api/v1/plans/{id}/runs?status=FAILED", planId)
        .exchange()
        .expectBody()
        .jsonPath("$.totalItems")
        .isEqualTo(0);
  }

  @Test
  void aFailedRunShowsRclonesLogTail() {
    String planId = scenario.createPlan("failing", "COPY", SCHEDULED_AND_NOTIFIED);
    String runId = scenario.runNow(planId, "{}");
    scenario.send(
        Topics.RUN_EVENTS,
        new RunFinished(
            runId,
            planId,
            RunStatus.FAILED,
            Instant.now(),
            Instant.now(),
            5,
            false,
            RunStats.EMPTY,
            RunChanges.NONE,
            new RunError(
                "SOURCE_NOT_FOUND",
                "directory not found",
                3,
                List.of("ERROR : /data/failing: directory not found"))));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        http.get()
                            .uri("/api/v1/runs/{id}/log", runId)
                            .exchange()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .contains("SOURCE_NOT_FOUND", "rclone exit code 3", "directory not found"));
    http.get()
        .uri("/api/v1/runs/{id}/events", runId)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("event:finished").contains("FAILED"));
  }

  @Test
  void aDryRunIsCommandedAsOne() {
    String planId = scenario.createPlan("dry", "MIRROR", SCHEDULED_AND_NOTIFIED);
    String runId = scenario.dryRun(planId);
    assertThat(scenario.command(RunRequested.class, r -> r.runId().equals(runId)).dryRun())
        .isTrue();
    http.get()
        .uri("/api/v1/runs/{id}", runId)
        .exchange()
        .expectBody()
        .jsonPath("$.dryRun")
        .isEqualTo(true);
  }

  @Test
  void cancellingSendsACancelForTheActiveRunAndIsRefusedWithoutOne() {
    String planId = scenario.createPlan("cancelled", "MIRROR", SCHEDULED_AND_NOTIFIED);
    http.post().uri("/api/v1/plans/{id}/cancel", planId).exchange().expectStatus().isEqualTo(409);
    String runId = scenario.runNow(planId, "{}");
    http.post()
        .uri("/api/v1/plans/{id}/cancel", planId)
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.cancelRequested[0]")
        .isEqualTo(runId);
    assertThat(scenario.command(CancelRequested.class, c -> c.runId().equals(runId)).planId())
        .isEqualTo(planId);
  }

  @Test
  void initialisationAndTheNextRunAreReportedOnThePlan() {
    String planId = scenario.createPlan("reported", "MIRROR", SCHEDULED_AND_NOTIFIED);
    assertThat(
            scenario
                .command(PlanInitRequested.class, c -> c.planId().equals(planId))
                .plan()
                .version())
        .isEqualTo(1);
    scenario.send(
        Topics.EXECUTOR_RESULTS,
        new PlanInitialized(planId, 1, false, "destination not writable: permission denied"));
    Instant next = Instant.parse("2030-01-01T00:05:00Z");
    scenario.send(Topics.SCHEDULE_EVENTS, new ScheduleUpdated(planId, 1, next, null));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}", planId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.initialization.state")
                    .isEqualTo("INIT_FAILED")
                    .jsonPath("$.initialization.reason")
                    .isEqualTo("destination not writable: permission denied")
                    .jsonPath("$.nextRunAt")
                    .isEqualTo("2030-01-01T00:05:00Z"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans?initialization=INIT_FAILED&q=reported")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.totalItems")
                    .isEqualTo(1));

    // a new destination needs a new initialisation; the old result no longer counts
    http.patch()
        .uri("/api/v1/plans/{id}", planId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"destination\":{\"path\":\"/backup/elsewhere\"}}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.initialization.state")
        .isEqualTo("PENDING");
    scenario.command(
        PlanInitRequested.class, c -> c.planId().equals(planId) && c.plan().version() == 2);
    scenario.send(Topics.EXECUTOR_RESULTS, new PlanInitialized(planId, 1, true, null));
    scenario.send(Topics.EXECUTOR_RESULTS, new PlanInitialized(planId, 2, true, null));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}", planId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.initialization.state")
                    .isEqualTo("READY")
                    .jsonPath("$.initialization.planVersion")
                    .isEqualTo(2));
  }

  @Test
  void aTestNotificationIsSentAndItsDeliveriesShown() {
    String planId = scenario.createPlan("notified", "COPY", SCHEDULED_AND_NOTIFIED);
    String requestId =
        (String)
            http.post()
                .uri("/api/v1/plans/{id}/notifications/test", planId)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("requestId");
    scenario.command(TestNotificationRequested.class, c -> c.requestId().equals(requestId));
    scenario.send(
        Topics.NOTIFICATION_EVENTS,
        new DeliveryUpdated(
            planId,
            null,
            requestId,
            "notification.test",
            "webhook:127.0.0.1#ab12",
            "DELIVERED",
            1,
            204,
            null,
            Instant.now()));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}/notifications/tests/{r}", planId, requestId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$[0].status")
                    .isEqualTo("DELIVERED")
                    .jsonPath("$[0].lastResponseCode")
                    .isEqualTo(204));
  }

  @Test
  void revisionsAreCleanedUpOnRequestOnlyForPlansThatKeepThem() {
    String mirror = scenario.createPlan("no-revisions", "MIRROR", SCHEDULED_AND_NOTIFIED);
    http.post()
        .uri("/api/v1/plans/{id}/revisions/cleanup", mirror)
        .exchange()
        .expectStatus()
        .isEqualTo(409);
    String planId =
        scenario.createPlan("with-revisions", "MIRROR_WITH_REVISIONS", SCHEDULED_AND_NOTIFIED);
    String requestId =
        (String)
            http.post()
                .uri("/api/v1/plans/{id}/revisions/cleanup", planId)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("requestId");
    scenario.command(RevisionCleanupRequested.class, c -> c.requestId().equals(requestId));
    scenario.send(Topics.EXECUTOR_RESULTS, new RevisionsCleaned(planId, requestId, 3, 10, null));
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/plans/{id}/revisions/cleanups/{r}", planId, requestId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("DONE")
                    .jsonPath("$.foldersRemoved")
                    .isEqualTo(3));
  }
}
