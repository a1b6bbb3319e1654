package io.syncplan.notification.delivery;

import static io.syncplan.notification.Fixtures.envelope;
import static io.syncplan.notification.Fixtures.failed;
import static io.syncplan.notification.Fixtures.newId;
import static io.syncplan.notification.Fixtures.planWithWebhooks;
import static io.syncplan.notification.Fixtures.succeeded;
import static io.syncplan.notification.Receiver.status;
import static io.syncplan.notification.delivery.DeliveryAssertions.WAIT;
import static io.syncplan.notification.delivery.DeliveryAssertions.awaitSettled;
import static io.syncplan.notification.delivery.DeliveryAssertions.deadLetter;
import static io.syncplan.notification.delivery.DeliveryAssertions.updates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageCodec;
import io.syncplan.contracts.notification.DeliveryUpdated;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.NotificationServiceTest;
import io.syncplan.notification.Receiver;
import io.syncplan.notification.Signatures;
import io.syncplan.notification.channel.ChannelIds;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.SyncplanInfrastructureExtension;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@NotificationServiceTest
class WebhookDeliveryTest {

  static final SecretCipher CIPHER =
      new SecretCipher(SyncplanInfrastructureExtension.TEST_SECRETS_KEY);

  @Autowired DeliveryLog deliveries;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired MeterRegistry meters;
  final JsonMapper json = JsonMapper.builder().build();
  Receiver receiver;
  KafkaRecorder kafka;

  TestInfrastructure infrastructure;

  @BeforeEach
  void start(TestInfrastructure infrastructure) {
    this.infrastructure = infrastructure;
    receiver = Receiver.start();
    kafka =
        KafkaRecorder.record(
            infrastructure.bootstrapServers(),
            Topics.NOTIFICATION_EVENTS,
            DeliveryAssertions.DEAD_LETTERS);
  }

  @AfterEach
  void stop() {
    receiver.close();
    kafka.close();
  }

  @Test
  void finishedRunIsPostedOnceSignedWithTheWebhookSecretEvenWhenItsEventArrivesTwice()
      throws Exception {
    String planId = newId();
    String url = receiver.url("/services/T000/B000/xoxb-secret-token");
    WebhookTarget webhook =
        Fixtures.webhook(
            planId,
            url,
            null,
            WebhookFormat.JSON,
            Map.of("X-Api-Key", "k-123"),
            CIPHER.seal("s3cr3t", SecretContext.webhookSecret(planId)));
    kafka.send(Topics.PLAN_EVENTS, envelope(planWithWebhooks(planId, webhook)));
    String runId = newId();
    Envelope<RunFinished> finished =
        envelope(succeeded(planId, runId, new RunStats(3, 1, 2, 0, 1234, 10, 0)));

    kafka.send(Topics.RUN_EVENTS, finished);
    kafka.send(Topics.RUN_EVENTS, finished);

    String eventId = finished.eventId().toString();
    RecordedRequest request = receiver.awaitRequests(eventId, 1, WAIT).get(0);
    byte[] body = request.getBody().toByteArray();
    String timestamp = request.getHeaders().get("X-Syncplan-Timestamp");
    assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), within(60L));
    assertThat(request.getHeaders().get("X-Syncplan-Signature"))
        .isEqualTo(Signatures.expected("s3cr3t", timestamp, body));
    assertThat(request.getHeaders().get("X-Api-Key")).isEqualTo("k-123");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(request.getHeaders().get("X-Syncplan-Event")).isEqualTo("run.succeeded");

    JsonNode payload = json.readTree(body);
    assertThat(payload.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(payload.get("eventId").asString()).isEqualTo(eventId);
    assertThat(payload.get("eventType").asString()).isEqualTo("run.succeeded");
    assertThat(payload.get("outcome").asString()).isEqualTo("SUCCEEDED");
    assertThat(payload.get("test").asBoolean()).isFalse();
    assertThat(payload.at("/plan/name").asString()).isEqualTo("docs");
    assertThat(payload.at("/plan/mode").asString()).isEqualTo("MIRROR");
    assertThat(payload.at("/plan/source").asString()).isEqualTo("/data/docs");
    assertThat(payload.at("/plan/destination").asString()).isEqualTo("offsite:backup/docs");
    assertThat(payload.at("/run/id").asString()).isEqualTo(runId);
    assertThat(payload.at("/run/durationMillis").asLong()).isEqualTo(64_000);
    assertThat(payload.at("/run/stats/filesAdded").asLong()).isEqualTo(3);
    assertThat(payload.at("/run/stats/bytesTransferred").asLong()).isEqualTo(1234);
    assertThat(payload.at("/run/url").asString())
        .isEqualTo("https://syncplan.example.com/api/v1/runs/" + runId);

    Delivery delivered = awaitSettled(deliveries, runId);
    assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(1);
    assertThat(delivered.lastResponseCode()).isEqualTo(204);
    assertThat(delivered.channel()).isEqualTo(ChannelIds.webhook(url)).doesNotContain("/services");

    // The copy of the event is consumed before any later event of the plan (same partition): once
    // a later one was notified, the copy was handled, and it sent nothing.
    Envelope<RunFinished> later = envelope(failed(planId, newId()));
    kafka.send(Topics.RUN_EVENTS, later);
    receiver.awaitRequests(later.eventId().toString(), 1, WAIT);
    assertThat(receiver.requestsFor(eventId)).hasSize(1);

    List<DeliveryUpdated> updates = updates(kafka, eventId, 2);
    assertThat(updates).extracting(DeliveryUpdated::status).containsExactly("PENDING", "DELIVERED");
    assertThat(updates.get(1).lastResponseCode()).isEqualTo(204);
    assertThat(updates.get(1).runId()).isEqualTo(runId);
    assertThat(updates.get(1).channel()).isEqualTo(delivered.channel());
    for (Envelope<Message> event : kafka.envelopes()) {
      assertThat(MessageCodec.shared().toJson(event))
          .doesNotContain("xoxb-secret-token")
          .doesNotContain("s3cr3t");
    }
    Document stored =
        mongo
            .getCollection("deliveries")
            .flatMapMany(collection -> Flux.from(collection.find(new Document("runId", runId))))
            .blockFirst();
    assertThat(stored.toJson()).doesNotContain("xoxb-secret-token").doesNotContain("s3cr3t");
  }

  @Test
  void aWebhookPublishedInClearByPlanServiceZeroPointOneIsStillDelivered() {
    String planId = newId();
    String url = receiver.url("/legacy");
    WebhookTarget clear =
        new WebhookTarget(
            url,
            null,
            WebhookFormat.JSON,
            Map.of("X-Api-Key", "k-1"),
            null,
            null,
            null,
            null,
            null);
    kafka.send(Topics.PLAN_EVENTS, envelope(planWithWebhooks(planId, clear)));
    String runId = newId();
    Envelope<RunFinished> finished = envelope(failed(planId, runId));

    kafka.send(Topics.RUN_EVENTS, finished);

    RecordedRequest request = receiver.awaitRequests(finished.eventId().toString(), 1, WAIT).get(0);
    assertThat(request.getHeaders().get("X-Api-Key")).isEqualTo("k-1");
    assertThat(awaitSettled(deliveries, runId).channel()).isEqualTo(ChannelIds.webhook(url));
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilTheReceiverAccepts() {
    double retriedBefore = attempts("retryable");
    receiver.answering(n -> n <= 2 ? status(503) : status(200));
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(planWithWebhooks(planId, Fixtures.webhook(planId, receiver.url("/hook")))));
    String runId = newId();
    Envelope<RunFinished> finished = envelope(failed(planId, runId));

    kafka.send(Topics.RUN_EVENTS, finished);

    String eventId = finished.eventId().toString();
    Delivery delivered = awaitSettled(deliveries, runId);
    assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(3);
    assertThat(receiver.requestsFor(eventId)).hasSize(3);
    assertThat(updates(kafka, eventId, 4))
        .extracting(
            DeliveryUpdated::status, DeliveryUpdated::attempts, DeliveryUpdated::lastResponseCode)
        .containsExactly(
            tuple("PENDING", 1, null),
            tuple("PENDING", 1, 503),
            tuple("PENDING", 2, 503),
            tuple("DELIVERED", 3, 200));
    assertThat(attempts("retryable") - retriedBefore).isGreaterThanOrEqualTo(2);
  }

  private double attempts(String result) {
    return meters
        .counter("syncplan.notifications.attempts", "channel", "webhook", "result", result)
        .count();
  }

  @Test
  void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
    long[] arrivals = new long[2];
    receiver.answering(
        n -> {
          arrivals[Math.min(n, 2) - 1] = System.nanoTime();
          return n == 1
              ? new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build()
              : status(204);
        });
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(planWithWebhooks(planId, Fixtures.webhook(planId, receiver.url("/hook")))));
    String runId = newId();

    kafka.send(Topics.RUN_EVENTS, envelope(failed(planId, runId)));

    assertThat(awaitSettled(deliveries, runId).status()).isEqualTo(DeliveryStatus.DELIVERED);
    // Without Retry-After the second attempt would follow after about 100 ms.
    assertThat(Duration.ofNanos(arrivals[1] - arrivals[0])).isGreaterThan(Duration.ofMillis(1900));
  }

  @Test
  void aReceiverThatDoesNotAnswerInTimeIsTriedAgainWithTheSameIdempotencyKey() {
    receiver.answering(
        n ->
            n == 1
                ? new MockResponse.Builder().code(204).headersDelay(7, TimeUnit.SECONDS).build()
                : status(204));
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(planWithWebhooks(planId, Fixtures.webhook(planId, receiver.url("/slow")))));
    String runId = newId();
    Envelope<RunFinished> finished = envelope(failed(planId, runId));

    kafka.send(Topics.RUN_EVENTS, finished);

    Delivery delivered = awaitSettled(deliveries, runId);
    assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(2);
    assertThat(receiver.requestsFor(finished.eventId().toString())).hasSize(2);
    assertThat(updates(kafka, finished.eventId().toString(), 2).get(1).lastError())
        .isEqualTo("unreachable");
  }

  @Test
  void aReceiverThatRefusesWithA4xxIsNotRetriedAndTheDeliveryIsDeadLettered() {
    receiver.answering(n -> status(410));
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(planWithWebhooks(planId, Fixtures.webhook(planId, receiver.url("/gone")))));
    String runId = newId();
    Envelope<RunFinished> finished = envelope(failed(planId, runId));

    kafka.send(Topics.RUN_EVENTS, finished);

    Delivery refused = awaitSettled(deliveries, runId);
    assertThat(refused.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(refused.attempts()).isEqualTo(1);
    assertThat(refused.lastResponseCode()).isEqualTo(410);
    assertThat(receiver.requestsFor(finished.eventId().toString())).hasSize(1);
    DeliveryUpdated dead = deadLetter(kafka, finished.eventId().toString());
    assertThat(dead.status()).isEqualTo("FAILED");
    assertThat(dead.lastResponseCode()).isEqualTo(410);
  }

  @Test
  void afterTheLastAttemptTheDeliveryIsRecordedFailedAndDeadLettered() {
    receiver.answering(n -> status(500));
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(planWithWebhooks(planId, Fixtures.webhook(planId, receiver.url("/broken")))));
    String runId = newId();
    Envelope<RunFinished> finished = envelope(failed(planId, runId));

    kafka.send(Topics.RUN_EVENTS, finished);

    Delivery given = awaitSettled(deliveries, runId);
    assertThat(given.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(given.attempts()).isEqualTo(5);
    assertThat(given.lastError()).contains("HTTP 500").contains("gave up after 5 attempts");
    assertThat(receiver.requestsFor(finished.eventId().toString())).hasSize(5);
    assertThat(deadLetter(kafka, finished.eventId().toString()).attempts()).isEqualTo(5);
  }

  @Test
  void aWebhookAimedAtTheStacksOwnKafkaIsRefusedAlthoughLoopbackIsAllowed() {
    String planId = newId();
    String kafkaAddress = infrastructure.bootstrapServers().split(",")[0];
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            planWithWebhooks(planId, Fixtures.webhook(planId, "http://" + kafkaAddress + "/"))));
    String runId = newId();

    kafka.send(Topics.RUN_EVENTS, envelope(failed(planId, runId)));

    Delivery refused = awaitSettled(deliveries, runId);
    assertThat(refused.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(refused.attempts()).isEqualTo(1);
    assertThat(refused.lastError()).isEqualTo("unreachable");
  }

  @Test
  void onlyHttpAndHttpsUrlsAreSentTo() {
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(planWithWebhooks(planId, Fixtures.webhook(planId, "file:///etc/passwd"))));
    String runId = newId();

    kafka.send(Topics.RUN_EVENTS, envelope(failed(planId, runId)));

    Delivery refused = awaitSettled(deliveries, runId);
    assertThat(refused.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(refused.attempts()).isEqualTo(1);
    assertThat(refused.lastError()).contains("only http and https");
  }

  @Test
  void slackDiscordAndNtfyReceiveReadyMadeMessages() {
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            planWithWebhooks(
                planId,
                Fixtures.webhook(
                    planId, receiver.url("/slack"), null, WebhookFormat.SLACK, null, null),
                Fixtures.webhook(
                    planId, receiver.url("/discord"), null, WebhookFormat.DISCORD, null, null),
                Fixtures.webhook(
                    planId, receiver.url("/ntfy"), null, WebhookFormat.NTFY, null, null))));
    String runId = newId();
    Envelope<RunFinished> finished = envelope(failed(planId, runId));

    kafka.send(Topics.RUN_EVENTS, finished);

    receiver.awaitRequests(finished.eventId().toString(), 3, WAIT);
    String link = "https://syncplan.example.com/api/v1/runs/" + runId;
    JsonNode slack = json.readTree(request("/slack").getBody().toByteArray());
    assertThat(slack.get("text").asString())
        .contains("❌ Sync plan \"docs\" failed after 4 s.")
        .contains("Error: RCLONE_ERROR: directory not found")
        .contains("/data/docs → offsite:backup/docs (MIRROR)")
        .endsWith("<" + link + "|Open the run>");
    JsonNode discord = json.readTree(request("/discord").getBody().toByteArray());
    assertThat(discord.get("content").asString())
        .contains("Sync plan \"docs\" failed")
        .contains("[Open the run](<" + link + ">)");
    assertThat(discord.at("/allowed_mentions/parse").isEmpty()).isTrue();
    RecordedRequest ntfy = request("/ntfy");
    assertThat(ntfy.getHeaders().get("Content-Type")).startsWith("text/plain");
    assertThat(ntfy.getHeaders().get("Title")).isEqualTo("syncplan: docs failed");
    assertThat(ntfy.getHeaders().get("Priority")).isEqualTo("high");
    assertThat(ntfy.getHeaders().get("Click")).isEqualTo(link);
    assertThat(ntfy.getBody().utf8()).contains("Sync plan \"docs\" failed");
  }

  @Test
  void startsAndRetriesGoOnlyToChannelsThatAskForThem() {
    String planId = newId();
    String lifecycle = receiver.url("/lifecycle");
    String outcomes = receiver.url("/outcomes");
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            planWithWebhooks(
                planId,
                Fixtures.webhook(
                    planId, lifecycle, Set.of(Outcome.START, Outcome.RETRYING), null, null, null),
                Fixtures.webhook(planId, outcomes))));
    String runId = newId();
    Instant now = Instant.now();

    kafka.send(Topics.RUN_EVENTS, envelope(new RunStarted(runId, planId, 1, "executor-1", now)));
    kafka.send(
        Topics.RUN_EVENTS,
        envelope(new RunRetrying(runId, planId, 1, 3, "RCLONE_ERROR", now.plusSeconds(30))));
    kafka.send(Topics.RUN_EVENTS, envelope(new RunStarted(runId, planId, 2, "executor-1", now)));
    kafka.send(Topics.RUN_EVENTS, envelope(succeeded(planId, runId, RunStats.EMPTY)));

    // The finished run is the last event: once it is settled, every claim of the run is made.
    List<Delivery> settled = awaitSettled(deliveries, runId, 3);
    assertThat(settled)
        .filteredOn(d -> d.channel().equals(ChannelIds.webhook(lifecycle)))
        .extracting(Delivery::eventType)
        .containsExactlyInAnyOrder("run.started", "run.retrying");
    assertThat(settled)
        .filteredOn(d -> d.channel().equals(ChannelIds.webhook(outcomes)))
        .extracting(Delivery::eventType)
        .containsExactly("run.succeeded");
    RecordedRequest retrying =
        receiver
            .requests(r -> "run.retrying".equals(r.getHeaders().get("X-Syncplan-Event")))
            .get(0);
    JsonNode body = json.readTree(retrying.getBody().toByteArray());
    assertThat(body.at("/run/attempt").asInt()).isEqualTo(1);
    assertThat(body.at("/run/maxAttempts").asInt()).isEqualTo(3);
    assertThat(body.at("/run/error/reason").asString()).isEqualTo("RCLONE_ERROR");
    Awaitility.await().atMost(WAIT).until(() -> receiver.requests().size() >= 3);
  }

  @Test
  void aPlanThatNeedsAResyncIsToldToWebhooksThatNameNoOutcomeOrAskForItOnce() {
    String planId = newId();
    String everything = receiver.url("/everything");
    String resyncs = receiver.url("/resyncs");
    String failures = receiver.url("/failures");
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            planWithWebhooks(
                planId,
                Fixtures.webhook(planId, everything),
                Fixtures.webhook(planId, resyncs, Set.of(Outcome.NEEDS_RESYNC), null, null, null),
                Fixtures.webhook(planId, failures, Set.of(Outcome.FAILURE), null, null, null))));
    String runId = newId();
    Envelope<ResyncNeeded> needed =
        envelope(
            new ResyncNeeded(
                planId,
                runId,
                ResyncNeeded.STATE_MISSING,
                "bisync's saved state of the plan is incomplete",
                Instant.now()));

    kafka.send(Topics.RUN_EVENTS, needed);
    kafka.send(Topics.RUN_EVENTS, needed);

    List<RecordedRequest> told = receiver.awaitRequests(needed.eventId().toString(), 2, WAIT);
    assertThat(told)
        .extracting(request -> request.getUrl().encodedPath())
        .containsExactlyInAnyOrder("/everything", "/resyncs");
    JsonNode body = json.readTree(told.get(0).getBody().toByteArray());
    assertThat(body.get("eventType").asString()).isEqualTo("plan.needs-resync");
    assertThat(body.get("outcome").asString()).isEqualTo("NEEDS_RESYNC");
    assertThat(body.at("/run/id").asString()).isEqualTo(runId);
    assertThat(body.at("/run/error/reason").asString()).isEqualTo("STATE_MISSING");
    assertThat(body.at("/run/error/message").asString())
        .contains("incomplete", "/api/v1/plans/" + planId + "/resync?preview=true");
    // once each, though the event came twice: a later event of the plan is told after it
    Envelope<RunFinished> later = envelope(failed(planId, newId()));
    kafka.send(Topics.RUN_EVENTS, later);
    receiver.awaitRequests(later.eventId().toString(), 2, WAIT);
    assertThat(receiver.requestsFor(needed.eventId().toString())).hasSize(2);
  }

  @Test
  void aVerificationThatFoundDifferencesIsAVerifyFailedForWebhooksThatNameNoOutcomeOrAskForIt() {
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            planWithWebhooks(
                planId,
                Fixtures.webhook(planId, receiver.url("/all")),
                Fixtures.webhook(
                    planId,
                    receiver.url("/verify"),
                    Set.of(Outcome.VERIFY_FAILED),
                    null,
                    null,
                    null),
                Fixtures.webhook(
                    planId, receiver.url("/partial"), Set.of(Outcome.PARTIAL), null, null, null))));
    Instant at = Instant.now();
    Envelope<RunFinished> differs =
        envelope(
            new RunFinished(
                newId(),
                planId,
                RunStatus.PARTIAL,
                at,
                at.plusSeconds(2),
                1,
                false,
                new RunStats(0, 0, 0, 0, 0, 3, 0, 0, 0L, 2L, 1L, 0L, 0L),
                RunChanges.verified(
                    List.of("a.txt", "b.txt"), List.of("changed.txt"), List.of(), List.of(), 0),
                new RunError("DIFFERENCES_FOUND", "1 difference(s)", 1, List.of()),
                RunKind.VERIFY));

    kafka.send(Topics.RUN_EVENTS, differs);

    List<RecordedRequest> told = receiver.awaitRequests(differs.eventId().toString(), 2, WAIT);
    assertThat(told)
        .extracting(request -> request.getUrl().encodedPath())
        .containsExactlyInAnyOrder("/all", "/verify");
    JsonNode body = json.readTree(told.get(0).getBody().toByteArray());
    assertThat(body.get("outcome").asString()).isEqualTo("VERIFY_FAILED");
    assertThat(body.at("/run/error/reason").asString()).isEqualTo("DIFFERENCES_FOUND");
    // a later event of the plan reaches /partial: the verification was not one of its
    Envelope<RunFinished> later = envelope(failed(planId, newId()));
    kafka.send(Topics.RUN_EVENTS, later);
    receiver.awaitRequests(later.eventId().toString(), 1, WAIT);
    assertThat(receiver.requests(r -> r.getUrl().encodedPath().equals("/partial"))).isEmpty();
  }

  private RecordedRequest request(String path) {
    return receiver.requests(r -> r.getUrl().encodedPath().equals(path)).get(0);
  }
}
