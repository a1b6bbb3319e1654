package io.syncplan.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.NotificationSpec;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.notification.NotificationServiceApplication;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@WithKafkaAndMongo
@SpringBootTest(
    classes = NotificationServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "spring.config.name=" + NotificationServiceApplication.CONFIG_NAME)
@DirtiesContext
class WebhookDeliveryTest {

  @Autowired DeliveryLog deliveries;
  MockWebServer receiver;
  KafkaRecorder kafka;

  @BeforeEach
  void start(TestInfrastructure infrastructure) throws Exception {
    receiver = new MockWebServer();
    receiver.start();
    kafka = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.RUN_EVENTS);
  }

  @AfterEach
  void stop() {
    receiver.close();
    kafka.close();
  }

  private PlanSnapshot planWithWebhook(String planId) {
    return new PlanSnapshot(
        planId,
        1,
        "docs",
        null,
        List.of(),
        Endpoint.local("/data/docs"),
        Endpoint.local("/backup/docs"),
        SyncMode.MIRROR,
        null,
        null,
        null,
        null,
        null,
        new NotificationSpec(
            List.of(), List.of(WebhookTarget.json(receiver.url("/hook").toString()))),
        null,
        null,
        null,
        null,
        false,
        Instant.now());
  }

  @Test
  void finishedRunIsPostedOnceToTheWebhookEvenWhenItsEventArrivesTwice() throws Exception {
    String planId = UUID.randomUUID().toString();
    String runId = UUID.randomUUID().toString();
    receiver.enqueue(new MockResponse.Builder().code(204).build());
    kafka.send(
        Topics.PLAN_EVENTS,
        Envelope.wrap(
            new PlanChanged(PlanChange.CREATED, planWithWebhook(planId)),
            "test",
            Clock.systemUTC()));
    Envelope<RunFinished> finished =
        Envelope.wrap(
            new RunFinished(
                runId,
                planId,
                RunStatus.SUCCEEDED,
                Instant.now(),
                Instant.now(),
                1,
                false,
                new RunStats(3, 1, 2, 0, 1234, 10, 0),
                null,
                null),
            "test",
            Clock.systemUTC());

    kafka.send(Topics.RUN_EVENTS, finished);
    kafka.send(Topics.RUN_EVENTS, finished);

    RecordedRequest request = receiver.takeRequest(30, TimeUnit.SECONDS);
    assertThat(request).isNotNull();
    assertThat(request.getHeaders().get("Idempotency-Key"))
        .isEqualTo(finished.eventId().toString());
    JsonNode body = JsonMapper.builder().build().readTree(request.getBody().utf8());
    assertThat(body.get("eventType").asString()).isEqualTo("run.succeeded");
    assertThat(body.get("planName").asString()).isEqualTo("docs");
    assertThat(body.get("runId").asString()).isEqualTo(runId);
    assertThat(body.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(body.get("stats").get("filesAdded").asLong()).isEqualTo(3);

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                deliveries.ofRun(runId).collectList().block().stream()
                    .anyMatch(d -> d.status() == DeliveryStatus.DELIVERED));
    // The second copy of the event is consumed after the first (same partition); once a later
    // event of the plan was handled, no second request can still be on its way.
    kafka.send(
        Topics.RUN_EVENTS,
        Envelope.wrap(
            new RunFinished(
                UUID.randomUUID().toString(),
                planId,
                RunStatus.CANCELLED,
                null,
                Instant.now(),
                0,
                false,
                null,
                null,
                null),
            "test",
            Clock.systemUTC()));
    receiver.enqueue(new MockResponse.Builder().code(204).build());
    RecordedRequest marker = receiver.takeRequest(30, TimeUnit.SECONDS);
    assertThat(marker.getBody().utf8()).contains("run.cancelled");
    assertThat(receiver.getRequestCount()).isEqualTo(2);
  }
}
