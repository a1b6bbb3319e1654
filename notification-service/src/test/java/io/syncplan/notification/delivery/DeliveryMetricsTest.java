package io.syncplan.notification.delivery;

import static io.syncplan.notification.Fixtures.envelope;
import static io.syncplan.notification.Fixtures.failed;
import static io.syncplan.notification.Fixtures.newId;
import static io.syncplan.notification.Fixtures.plan;
import static io.syncplan.notification.Receiver.status;
import static io.syncplan.notification.delivery.DeliveryAssertions.awaitSettled;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.EmailTarget;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.NotificationServiceTest;
import io.syncplan.notification.Receiver;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Delivery metrics counted from real receivers: MockWebServer and GreenMail. */
@NotificationServiceTest
class DeliveryMetricsTest {

  static final int SMTP_PORT = freePort();
  static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

  static {
    SMTP.start();
  }

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("syncplan.notifications.email.from", () -> "syncplan@example.com");
  }

  @Autowired DeliveryLog deliveries;
  @Autowired MeterRegistry meters;
  @Autowired PrometheusMeterRegistry prometheus;
  Receiver receiver;
  KafkaRecorder kafka;

  @BeforeEach
  void start(TestInfrastructure infrastructure) {
    receiver = Receiver.start();
    kafka = KafkaRecorder.record(infrastructure.bootstrapServers());
  }

  @AfterEach
  void stop() throws Exception {
    kafka.close();
    receiver.close();
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @Test
  void aServerErrorThenSuccessCountsARetryableAttemptThenOneDeliveryAndItsLatency() {
    double retryable = attempts("webhook", "retryable");
    double success = attempts("webhook", "success");
    double delivered = deliveries("webhook", "delivered");
    double emailed = deliveries("email", "delivered");
    long latencies = latencyCount("webhook");
    receiver.answering(n -> n == 1 ? status(500) : status(200));
    String planId = newId();
    String mailbox = "ops-" + planId + "@example.com";
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            plan(
                planId,
                "metrics",
                List.of(new EmailTarget(mailbox, null)),
                List.of(Fixtures.webhook(planId, receiver.url("/hook"))))));
    String runId = newId();

    kafka.send(Topics.RUN_EVENTS, envelope(failed(planId, runId)));

    assertThat(awaitSettled(deliveries, runId, 2))
        .extracting(Delivery::status)
        .containsOnly(DeliveryStatus.DELIVERED);
    assertThat(attempts("webhook", "retryable") - retryable).isEqualTo(1);
    assertThat(attempts("webhook", "success") - success).isEqualTo(1);
    assertThat(deliveries("webhook", "delivered") - delivered).isEqualTo(1);
    assertThat(deliveries("email", "delivered") - emailed).isEqualTo(1);
    assertThat(latencyCount("webhook") - latencies).isEqualTo(1);
    assertThat(
            meters
                .get(DeliveryMetrics.LATENCY)
                .tag("channel", "webhook")
                .timer()
                .max(TimeUnit.MILLISECONDS))
        .isPositive();

    assertThat(prometheus.scrape())
        .contains("syncplan_notifications_attempts_total{channel=\"webhook\",result=\"retryable\"}")
        .contains(
            "syncplan_notifications_deliveries_total{channel=\"email\",outcome=\"delivered\"}")
        .contains("syncplan_notifications_latency_seconds_bucket{channel=\"webhook\",le=");
  }

  @Test
  void aRejectingReceiverCountsAPermanentAttemptAndAFailedDelivery() {
    double permanent = attempts("webhook", "permanent");
    double failedDeliveries = deliveries("webhook", "failed");
    receiver.answering(n -> status(400));
    String planId = newId();
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            plan(
                planId,
                "metrics",
                List.of(),
                List.of(Fixtures.webhook(planId, receiver.url("/hook"))))));
    String runId = newId();

    kafka.send(Topics.RUN_EVENTS, envelope(failed(planId, runId)));

    assertThat(awaitSettled(deliveries, runId).status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(attempts("webhook", "permanent") - permanent).isEqualTo(1);
    assertThat(deliveries("webhook", "failed") - failedDeliveries).isEqualTo(1);
  }

  @Test
  void consumerLagOfEveryListenerIsExported() {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(prometheus.scrape())
                    .contains(
                        "kafka_consumer_fetch_manager_records_lag_max{client_id=\"consumer-notification-service.run-events-",
                        "kafka_consumer_fetch_manager_records_lag_max{client_id=\"consumer-notification-service.plan-events-",
                        "kafka_consumer_fetch_manager_records_lag_max{client_id=\"consumer-notification-service.notification-commands-"));
  }

  private double attempts(String channel, String result) {
    return meters.counter(DeliveryMetrics.ATTEMPTS, "channel", channel, "result", result).count();
  }

  private double deliveries(String channel, String outcome) {
    return meters
        .counter(DeliveryMetrics.DELIVERIES, "channel", channel, "outcome", outcome)
        .count();
  }

  private long latencyCount(String channel) {
    var timer = meters.find(DeliveryMetrics.LATENCY).tag("channel", channel).timer();
    return timer == null ? 0 : timer.count();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
