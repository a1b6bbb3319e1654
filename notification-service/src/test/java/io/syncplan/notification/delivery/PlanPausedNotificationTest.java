package io.syncplan.notification.delivery;

import static io.syncplan.notification.Fixtures.envelope;
import static io.syncplan.notification.Fixtures.newId;
import static io.syncplan.notification.Fixtures.planWithWebhooks;
import static io.syncplan.notification.delivery.DeliveryAssertions.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.NotificationServiceTest;
import io.syncplan.notification.Receiver;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Instant;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plan that paused itself after failed runs tells its channels; one paused on request not. */
@NotificationServiceTest
class PlanPausedNotificationTest {

  final JsonMapper json = JsonMapper.builder().build();
  Receiver receiver;
  KafkaRecorder kafka;

  @BeforeEach
  void start(TestInfrastructure infrastructure) {
    receiver = Receiver.start();
    kafka = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.NOTIFICATION_EVENTS);
  }

  @AfterEach
  void stop() {
    receiver.close();
    kafka.close();
  }

  @Test
  void aPlanThatPausedItselfAfterFailuresIsToldToItsChannelsAndOnePausedOnRequestIsNot() {
    String planId = newId();
    PlanChanged created =
        planWithWebhooks(
            planId,
            Fixtures.webhook(planId, receiver.url("/json")),
            Fixtures.webhook(
                planId,
                receiver.url("/ping/k3y/docs"),
                null,
                WebhookFormat.HEALTHCHECKS,
                null,
                null));
    kafka.send(Topics.PLAN_EVENTS, envelope(created));
    PlanSnapshot plan = created.plan();

    Envelope<PlanChanged> onRequest =
        envelope(new PlanChanged(PlanChange.PAUSED, plan.withPaused(true, 2, Instant.now())));
    kafka.send(Topics.PLAN_EVENTS, onRequest);
    Envelope<PlanChanged> byItself =
        envelope(
            new PlanChanged(
                PlanChange.PAUSED,
                plan.pausedBecause(
                    "paused after 3 failed runs in a row (schedule.pauseAfterFailures)",
                    3,
                    Instant.now())));
    kafka.send(Topics.PLAN_EVENTS, byItself);

    List<RecordedRequest> told = receiver.awaitRequests(byItself.eventId().toString(), 2, WAIT);
    RecordedRequest webhook =
        told.stream().filter(r -> r.getUrl().encodedPath().equals("/json")).findFirst().get();
    JsonNode payload = json.readTree(webhook.getBody().toByteArray());
    assertThat(payload.get("eventType").asString()).isEqualTo("plan.paused");
    assertThat(payload.get("outcome").asString()).isEqualTo("PAUSED");
    assertThat(payload.at("/plan/id").asString()).isEqualTo(planId);
    assertThat(payload.at("/run/error/reason").asString()).isEqualTo("PAUSED_AFTER_FAILURES");
    assertThat(payload.at("/run/error/message").asString())
        .startsWith("paused after 3 failed runs in a row")
        .endsWith("POST /api/v1/plans/" + planId + "/resume");
    RecordedRequest ping =
        told.stream().filter(r -> r.getUrl().encodedPath().startsWith("/ping")).findFirst().get();
    assertThat(ping.getUrl().encodedPath()).isEqualTo("/ping/k3y/docs/fail");

    // The plan's events are handled in order, by the same listener: the pause on request came
    // before, was handled before, and told nobody.
    assertThat(receiver.requestsFor(onRequest.eventId().toString())).isEmpty();
    assertThat(receiver.requests()).hasSize(2);
  }
}
