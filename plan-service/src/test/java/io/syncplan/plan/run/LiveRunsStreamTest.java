package io.syncplan.plan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * GET /api/v1/runs/events: run changes across plans, filtered by plan tag, live; and the live view
 * behind it, which keeps a run the history has not stored yet.
 */
@PlanServiceTest
class LiveRunsStreamTest {

  @Autowired WebTestClient http;
  @Autowired RunEventHub hub;
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

  RunQueued queued(String runId, String planId) {
    return new RunQueued(runId, planId, RunTrigger.MANUAL, Instant.now(), Priority.HIGH, false);
  }

  @Test
  void aViewerSeesTheRunsInProgressThenEveryChangeOfThePlansWithItsTagOnly() {
    String watched = scenario.createPlan("live-watched", "MIRROR", "\"tags\":[\"team:live\"]");
    String other = scenario.createPlan("live-other", "MIRROR", "\"tags\":[]");
    // the hub reads run events from the end of the topic once it has found its partitions
    String before = "before-" + UUID.randomUUID();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              scenario.send(queued(before, watched));
              return hub.active().stream().anyMatch(run -> run.runId().equals(before));
            });

    Flux<ServerSentEvent<Map>> stream =
        http.mutate()
            .responseTimeout(Duration.ofSeconds(30))
            .build()
            .get()
            .uri("/api/v1/runs/events?tag=team:live")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map>>() {})
            .getResponseBody();

    String runId = "live-" + UUID.randomUUID();
    StepVerifier.create(stream.filter(event -> event.event() != null))
        .assertNext(
            event -> {
              // the run already in progress when the viewer came
              assertThat(event.event()).isEqualTo("run");
              assertThat(event.data()).containsEntry("runId", before);
            })
        .then(
            () -> {
              scenario.send(queued("other-" + UUID.randomUUID(), other));
              scenario.send(queued(runId, watched));
              scenario.send(new RunStarted(runId, watched, 1, "executor-1", Instant.now()));
              scenario.send(new RunProgress(runId, watched, 5, 10, 1, 2, 5.0, 1L));
              scenario.send(
                  new RunFinished(
                      runId,
                      watched,
                      RunStatus.SUCCEEDED,
                      Instant.now(),
                      Instant.now(),
                      1,
                      false,
                      null,
                      null,
                      null));
            })
        .assertNext(event -> assertRun(event, "run", runId, "QUEUED"))
        .assertNext(event -> assertRun(event, "status", runId, "RUNNING"))
        .assertNext(
            event -> {
              assertRun(event, "progress", runId, "RUNNING");
              assertThat((Map<String, Object>) event.data().get("progress"))
                  .containsEntry("bytesDone", 5);
            })
        .assertNext(event -> assertRun(event, "finished", runId, "SUCCEEDED"))
        .thenCancel()
        .verify(Duration.ofSeconds(30));
  }

  @Test
  void aRunTheHistoryHasNotStoredYetStaysInViewUntilNothingWasHeardOfItForAWhile() {
    String fresh = "unstored-" + UUID.randomUUID();
    String stale = "unstored-" + UUID.randomUUID();
    Instant now = Instant.now();
    // seen live only: the history never gets these events, as when its consumer group lags
    hub.apply(envelope(queued(fresh, "plan-unstored"), now));
    hub.apply(
        envelope(
            queued(stale, "plan-unstored"), now.minus(RunEventHub.ABSENT_GRACE).minusSeconds(1)));

    hub.resyncOnce().block(Duration.ofSeconds(30));

    assertThat(hub.active()).extracting(RunResponse::runId).contains(fresh).doesNotContain(stale);
    hub.apply(
        envelope(
            new RunFinished(
                fresh, "plan-unstored", RunStatus.CANCELLED, now, now, 0, false, null, null, null),
            now));
    assertThat(hub.active()).extracting(RunResponse::runId).doesNotContain(fresh);
  }

  private static Envelope<Message> envelope(Message payload, Instant at) {
    return Envelope.wrap(UUID.randomUUID(), payload, "test-executor", at);
  }

  private static void assertRun(
      ServerSentEvent<Map> event, String name, String runId, String status) {
    assertThat(event.event()).isEqualTo(name);
    assertThat(event.data()).containsEntry("runId", runId).containsEntry("status", status);
  }
}
