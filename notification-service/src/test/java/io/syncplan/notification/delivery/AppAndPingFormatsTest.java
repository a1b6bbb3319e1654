package io.syncplan.notification.delivery;

import static io.syncplan.notification.Fixtures.envelope;
import static io.syncplan.notification.Fixtures.failed;
import static io.syncplan.notification.Fixtures.newId;
import static io.syncplan.notification.Fixtures.planWithWebhooks;
import static io.syncplan.notification.Fixtures.succeeded;
import static io.syncplan.notification.delivery.DeliveryAssertions.WAIT;
import static io.syncplan.notification.delivery.DeliveryAssertions.awaitSettled;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.NotificationServiceTest;
import io.syncplan.notification.Receiver;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gotify, Telegram, Teams and healthchecks-style pings, each against a real HTTP receiver on
 * loopback with the request docs/notifications.md documents.
 */
@NotificationServiceTest
class AppAndPingFormatsTest {

  static final String BOT = "/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage";
  static final String TEAMS =
      "/workflows/0a1b/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s1g";

  @Autowired DeliveryLog deliveries;
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
  void gotifyTelegramAndTeamsReceiveTheirOwnApisMessages() {
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            planWithWebhooks(
                planId,
                hook(planId, "/message?token=AppT0ken", WebhookFormat.GOTIFY),
                hook(planId, BOT + "?chat_id=-1001234567890", WebhookFormat.TELEGRAM),
                hook(planId, TEAMS, WebhookFormat.TEAMS))));
    String runId = newId();
    Envelope<RunFinished> finished = envelope(failed(planId, runId));

    kafka.send(Topics.RUN_EVENTS, finished);

    receiver.awaitRequests(finished.eventId().toString(), 3, WAIT);
    String link = "https://syncplan.example.com/api/v1/runs/" + runId;

    RecordedRequest gotify = request("/message");
    assertThat(gotify.getMethod()).isEqualTo("POST");
    assertThat(gotify.getUrl().queryParameter("token")).isEqualTo("AppT0ken");
    JsonNode message = body(gotify);
    assertThat(message.get("title").asString()).isEqualTo("syncplan: docs failed");
    assertThat(message.get("message").asString())
        .contains("Sync plan \"docs\" failed after 4 s.")
        .contains("Error: RCLONE_ERROR: directory not found");
    assertThat(message.get("priority").asInt()).isEqualTo(8);
    assertThat(message.at("/extras/client::notification/click/url").asString()).isEqualTo(link);

    JsonNode telegram = body(request(BOT));
    assertThat(telegram.get("chat_id").asString()).isEqualTo("-1001234567890");
    assertThat(telegram.get("text").asString())
        .contains("Sync plan \"docs\" failed")
        .endsWith("\n" + link);
    assertThat(telegram.at("/link_preview_options/is_disabled").asBoolean()).isTrue();
    assertThat(telegram.has("parse_mode")).isFalse();

    JsonNode teams = body(request("/workflows/0a1b/triggers/manual/paths/invoke"));
    assertThat(teams.get("type").asString()).isEqualTo("message");
    JsonNode attachment = teams.at("/attachments/0");
    assertThat(attachment.get("contentType").asString())
        .isEqualTo("application/vnd.microsoft.card.adaptive");
    JsonNode card = attachment.get("content");
    assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
    assertThat(card.get("version").asString()).isEqualTo("1.4");
    assertThat(card.at("/body/0/text").asString()).isEqualTo("syncplan: docs failed");
    assertThat(card.at("/body/0/color").asString()).isEqualTo("Attention");
    assertThat(card.at("/body/1/text").asString()).contains("directory not found");
    assertThat(card.at("/actions/0/type").asString()).isEqualTo("Action.OpenUrl");
    assertThat(card.at("/actions/0/url").asString()).isEqualTo(link);

    assertThat(awaitSettled(deliveries, runId, 3))
        .allMatch(delivery -> delivery.status() == DeliveryStatus.DELIVERED);
  }

  @Test
  void aPingCheckHearsEachRunStartThenSucceedOrFailPairedByTheRunId() {
    String planId = newId();
    String check = "/ping/k3y/db-backup";
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(planWithWebhooks(planId, hook(planId, check, WebhookFormat.HEALTHCHECKS))));
    String failing = newId();
    String passing = newId();

    Envelope<RunStarted> started = envelope(new RunStarted(failing, planId, 1, "ex-1", now()));
    kafka.send(Topics.RUN_EVENTS, started);
    RecordedRequest start = receiver.awaitRequests(started.eventId().toString(), 1, WAIT).get(0);
    Envelope<RunFinished> fail = envelope(failed(planId, failing));
    kafka.send(Topics.RUN_EVENTS, fail);
    RecordedRequest failPing = receiver.awaitRequests(fail.eventId().toString(), 1, WAIT).get(0);
    Envelope<RunStarted> startedAgain = envelope(new RunStarted(passing, planId, 1, "ex-1", now()));
    kafka.send(Topics.RUN_EVENTS, startedAgain);
    receiver.awaitRequests(startedAgain.eventId().toString(), 1, WAIT);
    Envelope<RunFinished> success = envelope(succeeded(planId, passing, RunStats.EMPTY));
    kafka.send(Topics.RUN_EVENTS, success);
    RecordedRequest ok = receiver.awaitRequests(success.eventId().toString(), 1, WAIT).get(0);

    String failingRid = rid(failing);
    assertThat(start.getMethod()).isEqualTo("POST");
    assertThat(start.getUrl().encodedPath()).isEqualTo(check + "/start");
    assertThat(start.getUrl().queryParameter("rid")).isEqualTo(failingRid);
    assertThat(failPing.getUrl().encodedPath()).isEqualTo(check + "/fail");
    assertThat(failPing.getUrl().queryParameter("rid")).isEqualTo(failingRid);
    assertThat(failPing.getBody().utf8()).contains("Error: RCLONE_ERROR: directory not found");
    assertThat(ok.getUrl().encodedPath()).isEqualTo(check);
    assertThat(ok.getUrl().queryParameter("rid")).isEqualTo(rid(passing));
    assertThat(ok.getBody().utf8()).contains("Sync plan \"docs\" succeeded");
    assertThat(receiver.requests()).hasSize(4);
  }

  @Test
  void anUptimeKumaPushUrlGetsDownOrUpByGetInPlaceOfItsSampleQuery() {
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            planWithWebhooks(
                planId,
                hook(
                    planId,
                    "/api/push/Ab12Cd34?status=up&msg=OK&ping=",
                    WebhookFormat.HEALTHCHECKS))));
    Envelope<RunFinished> fail = envelope(failed(planId, newId()));
    kafka.send(Topics.RUN_EVENTS, fail);
    RecordedRequest down = receiver.awaitRequests(fail.eventId().toString(), 1, WAIT).get(0);
    Envelope<RunFinished> success = envelope(succeeded(planId, newId(), RunStats.EMPTY));
    kafka.send(Topics.RUN_EVENTS, success);
    RecordedRequest up = receiver.awaitRequests(success.eventId().toString(), 1, WAIT).get(0);

    assertThat(down.getMethod()).isEqualTo("GET");
    assertThat(down.getUrl().encodedPath()).isEqualTo("/api/push/Ab12Cd34");
    assertThat(down.getUrl().queryParameterValues("status")).containsExactly("down");
    assertThat(down.getUrl().queryParameter("msg"))
        .contains("Sync plan \"docs\" failed")
        .doesNotContain("\n");
    assertThat(down.getUrl().queryParameter("ping")).isNull();
    assertThat(up.getUrl().queryParameterValues("status")).containsExactly("up");
  }

  private WebhookTarget hook(String planId, String pathAndQuery, WebhookFormat format) {
    return Fixtures.webhook(planId, receiver.url(pathAndQuery), null, format, null, null);
  }

  private RecordedRequest request(String path) {
    return receiver.requests(r -> r.getUrl().encodedPath().equals(path)).get(0);
  }

  private JsonNode body(RecordedRequest request) {
    return json.readTree(request.getBody().toByteArray());
  }

  private static String rid(String runId) {
    return UUID.nameUUIDFromBytes(runId.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static Instant now() {
    return Instant.now();
  }
}
