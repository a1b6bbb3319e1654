package io.syncplan.notification.delivery;

import static io.syncplan.notification.Fixtures.envelope;
import static io.syncplan.notification.Fixtures.failed;
import static io.syncplan.notification.Fixtures.newId;
import static io.syncplan.notification.Fixtures.planWithWebhooks;
import static io.syncplan.notification.Receiver.status;
import static io.syncplan.notification.delivery.DeliveryAssertions.WAIT;
import static io.syncplan.notification.delivery.DeliveryAssertions.awaitSettled;
import static io.syncplan.notification.delivery.DeliveryAssertions.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.NotificationServiceApplication;
import io.syncplan.notification.NotificationServiceTest;
import io.syncplan.notification.Receiver;
import io.syncplan.notification.channel.AttemptResult;
import io.syncplan.notification.channel.ChannelIds;
import io.syncplan.notification.content.Notification;
import io.syncplan.notification.content.NotificationFactory;
import io.syncplan.notification.rule.PlanRules;
import io.syncplan.notification.rule.PlanRulesStore;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deliveries outlive receivers that are down and instances that stop or crash, and are still sent
 * at most once.
 */
@NotificationServiceTest
class RecoveryTest {

  @DynamicPropertySource
  static void patient(DynamicPropertyRegistry registry) {
    registry.add("syncplan.notifications.delivery.max-attempts", () -> 30);
    registry.add("syncplan.notifications.unknown-plan-wait", () -> "3s");
  }

  @Autowired DeliveryLog deliveries;
  @Autowired PlanRulesStore rules;
  @Autowired NotificationFactory notifications;
  KafkaRecorder kafka;

  @BeforeEach
  void start(TestInfrastructure infrastructure) {
    kafka =
        KafkaRecorder.record(
            infrastructure.bootstrapServers(),
            DeliveryAssertions.DEAD_LETTERS,
            Topics.deadLetter(Topics.RUN_EVENTS));
  }

  @AfterEach
  void stop() {
    kafka.close();
  }

  @Test
  void aReceiverThatIsDownForAWhileGetsTheNotificationOnceAfterItRecovers() {
    int port = freePort();
    String url = "http://127.0.0.1:" + port + "/hook";
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS, envelope(planWithWebhooks(planId, Fixtures.webhook(planId, url))));
    String runId = newId();
    Envelope<RunFinished> finished = envelope(failed(planId, runId));

    kafka.send(Topics.RUN_EVENTS, finished);

    Delivery refused =
        Awaitility.await()
            .atMost(WAIT)
            .until(
                () -> deliveries.ofRun(runId).blockFirst(),
                d -> d != null && d.attempts() >= 3 && d.status() == DeliveryStatus.PENDING);
    assertThat(refused.lastError()).isEqualTo("unreachable");
    try (Receiver receiver = Receiver.startOn(port)) {
      Delivery delivered = awaitSettled(deliveries, runId);

      assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(delivered.attempts()).isGreaterThan(3);
      assertThat(receiver.requestsFor(finished.eventId().toString())).hasSize(1);
    }
  }

  @Test
  void aDeliveryHandedBackByAStoppingInstanceIsFinishedByAnotherExactlyOnce() {
    try (Receiver receiver = Receiver.start().answering(n -> status(503))) {
      String planId = newId();
      Envelope<RunFinished> finished = envelope(failed(planId, newId()));
      String eventId = finished.eventId().toString();
      rulesOf(planId, receiver.url("/hook"));
      ConfigurableApplicationContext stopping = startSecondInstance();
      try {
        // The stopping instance alone sees the event.
        stopping.getBean(Notifier.class).onRunEvent(erase(finished)).block();
        receiver.awaitRequests(eventId, 2, WAIT);
      } finally {
        stopping.close();
      }
      receiver.answering(n -> status(204));

      // This instance takes the delivery over and carries on counting its attempts.
      Delivery delivered = awaitSettled(deliveries, finished.runId());

      assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(delivered.attempts()).isGreaterThan(2);
      assertThat(receiver.requestsFor(eventId)).hasSize(delivered.attempts());
      assertThat(receiver.exchanges())
          .filteredOn(exchange -> eventId.equals(exchange.eventId()))
          .filteredOn(Receiver.Exchange::accepted)
          .hasSize(1);
    }
  }

  @Test
  void aDeliveryClaimedByAnInstanceThatIsStoppingIsHandedBackAndSentOnceByAnother() {
    try (Receiver receiver = Receiver.start()) {
      String planId = newId();
      Envelope<RunFinished> finished = envelope(failed(planId, newId()));
      rulesOf(planId, receiver.url("/hook"));
      ConfigurableApplicationContext stopping = startSecondInstance();
      try {
        // Its dispatcher has stopped; a last event still reaches it and is claimed there.
        stopping.getBean(DeliveryDispatcher.class).stop();
        stopping.getBean(Notifier.class).onRunEvent(erase(finished)).block();
      } finally {
        stopping.close();
      }

      Delivery delivered = awaitSettled(deliveries, finished.runId());
      assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(delivered.attempts()).isEqualTo(1);
      assertThat(receiver.requestsFor(finished.eventId().toString())).hasSize(1);
    }
  }

  @Test
  void aPendingDeliveryOfACrashedInstanceIsTakenOverAndSentOnce() {
    try (Receiver receiver = Receiver.start()) {
      String planId = newId();
      String url = receiver.url("/hook");
      PlanRules plan = rulesOf(planId, url);
      Envelope<RunFinished> finished = envelope(failed(planId, newId()));
      Notification notification = notifications.finished(finished, finished.payload(), plan);
      Instant past = Instant.now().minusSeconds(1);

      // What a crash between two attempts leaves behind: pending, held by nobody alive.
      Delivery inFlight =
          deliveries
              .claim(
                  notification,
                  ChannelIds.webhook(url),
                  "crashed-instance",
                  past,
                  past.plusSeconds(60))
              .block();
      deliveries
          .retryAt(inFlight, AttemptResult.retryable(503, "HTTP 503", null), past, past, past)
          .block();

      Delivery delivered = awaitSettled(deliveries, finished.runId());
      assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(receiver.requestsFor(finished.eventId().toString())).hasSize(1);
    }
  }

  @Test
  void anAttemptInterruptedByACrashIsNotSentAgainButRecordedFailedAndDeadLettered() {
    try (Receiver receiver = Receiver.start()) {
      String planId = newId();
      String url = receiver.url("/hook");
      PlanRules plan = rulesOf(planId, url);
      Envelope<RunFinished> finished = envelope(failed(planId, newId()));
      Notification notification = notifications.finished(finished, finished.payload(), plan);
      Instant past = Instant.now().minusSeconds(1);
      String channel = ChannelIds.webhook(url);

      // What a crash during an attempt leaves behind: sending, its outcome unknown.
      deliveries.claim(notification, channel, "crashed-instance", past, past).block();

      Delivery given = awaitSettled(deliveries, finished.runId());
      assertThat(given.status()).isEqualTo(DeliveryStatus.FAILED);
      assertThat(given.attempts()).isEqualTo(1);
      assertThat(given.lastError()).isEqualTo(DeliverySweeper.INTERRUPTED);
      assertThat(deadLetter(kafka, notification.eventId()).status()).isEqualTo("FAILED");
      assertThat(receiver.requests()).isEmpty();
    }
  }

  @Test
  void aRunEventWhosePlanNeverArrivesIsRetriedThenDeadLettered() {
    Envelope<RunFinished> orphan = envelope(failed(newId(), newId()));

    kafka.send(Topics.RUN_EVENTS, orphan);

    Envelope<?> parked = kafka.awaitEnvelope(e -> e.eventId().equals(orphan.eventId()), WAIT);
    assertThat(parked.payload()).isEqualTo(orphan.payload());
    assertThat(kafka.records())
        .filteredOn(r -> r.value() != null && r.value().eventId().equals(orphan.eventId()))
        .extracting(r -> r.topic())
        .containsExactly(Topics.deadLetter(Topics.RUN_EVENTS));
    assertThat(deliveries.ofRun(orphan.runId()).collectList().block()).isEmpty();
  }

  @Test
  void aRunEventThatOvertakesItsPlanIsNotifiedOnceThePlanArrives() {
    try (Receiver receiver = Receiver.start()) {
      String planId = newId();
      Envelope<RunFinished> early = envelope(failed(planId, newId()));

      kafka.send(Topics.RUN_EVENTS, early);
      kafka.send(
          Topics.PLAN_EVENTS,
          envelope(planWithWebhooks(planId, Fixtures.webhook(planId, receiver.url("/hook")))));

      assertThat(awaitSettled(deliveries, early.runId()).status())
          .isEqualTo(DeliveryStatus.DELIVERED);
      assertThat(receiver.requestsFor(early.eventId().toString())).hasSize(1);
    }
  }

  /** Publishes a plan with one JSON webhook and waits until its rules are known. */
  private PlanRules rulesOf(String planId, String url) {
    kafka.send(
        Topics.PLAN_EVENTS, envelope(planWithWebhooks(planId, Fixtures.webhook(planId, url))));
    return Awaitility.await().atMost(WAIT).until(() -> rules.find(planId).block(), r -> r != null);
  }

  /** Another instance on the same store, whose Kafka listeners stay off. */
  private static ConfigurableApplicationContext startSecondInstance() {
    return NotificationServiceApplication.application()
        .run(
            "--server.port=0",
            "--spring.kafka.listener.auto-startup=false",
            "--syncplan.notifications.delivery.initial-backoff=100ms",
            "--syncplan.notifications.delivery.max-backoff=200ms",
            "--syncplan.notifications.delivery.max-attempts=30",
            "--syncplan.notifications.delivery.timeout=10s",
            "--syncplan.notifications.delivery.lease=30s",
            "--syncplan.notifications.delivery.sweep-interval=200ms",
            "--syncplan.network.allow=" + NotificationServiceTest.LOOPBACK);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Envelope<io.syncplan.contracts.message.Message> erase(Envelope<?> envelope) {
    return (Envelope) envelope;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
