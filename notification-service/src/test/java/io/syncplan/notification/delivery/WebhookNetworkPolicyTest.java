package io.syncplan.notification.delivery;

import static io.syncplan.notification.Fixtures.envelope;
import static io.syncplan.notification.Fixtures.failed;
import static io.syncplan.notification.Fixtures.newId;
import static io.syncplan.notification.Fixtures.planWithWebhooks;
import static io.syncplan.notification.delivery.DeliveryAssertions.awaitSettled;
import static io.syncplan.notification.delivery.DeliveryAssertions.updates;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.notification.DeliveryUpdated;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.NotificationServiceTest;
import io.syncplan.notification.Receiver;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhooks under the network policy of a production deployment (no {@code syncplan.network.allow}):
 * nothing of the host, its network or cloud metadata can be reached through a webhook, and what
 * deliveries show does not say why.
 */
@NotificationServiceTest
@ExtendWith(OutputCaptureExtension.class)
class WebhookNetworkPolicyTest {

  @DynamicPropertySource
  static void productionDefault(DynamicPropertyRegistry registry) {
    registry.add("syncplan.network.allow", () -> "");
  }

  @Autowired DeliveryLog deliveries;
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
  void webhooksAimedAtALoopbackReceiverOrCloudMetadataAreRefusedAndReachNothing(
      CapturedOutput log) {
    String planId = newId();
    List<String> urls =
        List.of(
            receiver.url("/by-name"),
            "http://127.0.0.1:" + receiver.port() + "/by-address",
            "http://[::ffff:127.0.0.1]:" + receiver.port() + "/mapped",
            "http://169.254.169.254/latest/meta-data/");
    kafka.send(
        Topics.PLAN_EVENTS,
        envelope(
            planWithWebhooks(
                planId,
                urls.stream()
                    .map(url -> Fixtures.webhook(planId, url))
                    .toArray(WebhookTarget[]::new))));
    String runId = newId();
    RunFinished finished = failed(planId, runId);

    var event = envelope(finished);
    kafka.send(Topics.RUN_EVENTS, event);

    List<Delivery> refused = awaitSettled(deliveries, runId, urls.size());
    assertThat(refused)
        .allSatisfy(
            delivery -> {
              assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
              assertThat(delivery.attempts()).isEqualTo(1);
              assertThat(delivery.lastError()).isEqualTo("unreachable");
            });
    assertThat(receiver.requests()).isEmpty();
    assertThat(updates(kafka, event.eventId().toString(), 2 * urls.size()))
        .extracting(DeliveryUpdated::lastError)
        .allSatisfy(error -> assertThat(error).isIn(null, "unreachable"));
    assertThat(log.getOut())
        .contains("refused by the network policy: 127.0.0.1, a loopback address")
        .contains("169.254.169.254, a link-local address");
  }
}
