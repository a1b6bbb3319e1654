package io.syncplan.notification.delivery;

import static io.syncplan.notification.Fixtures.envelope;
import static io.syncplan.notification.Fixtures.failed;
import static io.syncplan.notification.Fixtures.newId;
import static io.syncplan.notification.Fixtures.planWithWebhooks;
import static io.syncplan.notification.delivery.DeliveryAssertions.awaitSettled;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.NotificationServiceTest;
import io.syncplan.notification.Receiver;
import io.syncplan.support.network.HostResolver;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DNS rebinding: a webhook host that resolves to an allowed address when it is checked and to a
 * refused one a moment later. The request must go to the address that was checked.
 */
@NotificationServiceTest
@Import(WebhookAddressPinningTest.RebindingDns.class)
class WebhookAddressPinningTest {

  static final String REBINDING_HOST = "rebind.syncplan.test";
  static final InetAddress ALLOWED = address("127.0.0.2");
  static final InetAddress REFUSED = address("127.0.0.1");
  static final AtomicInteger LOOKUPS = new AtomicInteger();

  @DynamicPropertySource
  static void onlyTheSecondLoopbackAddressIsAllowed(DynamicPropertyRegistry registry) {
    registry.add("syncplan.network.allow", () -> "127.0.0.2");
  }

  @TestConfiguration
  static class RebindingDns {

    /** The first lookup of the host answers the allowed address, every later one the refused. */
    @Bean
    HostResolver rebindingResolver() {
      return host -> {
        if (!host.equals(REBINDING_HOST)) {
          return HostResolver.SYSTEM.resolve(host);
        }
        return List.of(LOOKUPS.getAndIncrement() == 0 ? ALLOWED : REFUSED);
      };
    }
  }

  @Autowired DeliveryLog deliveries;
  Receiver checked;
  Receiver rebound;
  KafkaRecorder kafka;

  @BeforeEach
  void start(TestInfrastructure infrastructure) {
    // one receiver on each address, on the same port
    checked = Receiver.startOn(ALLOWED, 0);
    rebound = Receiver.startOn(REFUSED, checked.port());
    kafka = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.NOTIFICATION_EVENTS);
  }

  @AfterEach
  void stop() {
    checked.close();
    rebound.close();
    kafka.close();
  }

  @Test
  void theRequestGoesToTheAddressThatWasCheckedNotToWhatTheNameResolvesToLater() {
    String planId = newId();
    String url = "http://" + REBINDING_HOST + ":" + checked.port() + "/hook";
    kafka.send(
        Topics.PLAN_EVENTS, envelope(planWithWebhooks(planId, Fixtures.webhook(planId, url))));
    String runId = newId();

    kafka.send(Topics.RUN_EVENTS, envelope(failed(planId, runId)));

    Delivery delivered = awaitSettled(deliveries, runId);
    assertThat(delivered.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(checked.requests()).hasSize(1);
    assertThat(checked.requests().get(0).getHeaders().get("Host"))
        .isEqualTo(REBINDING_HOST + ":" + checked.port());
    assertThat(rebound.requests()).isEmpty();
    assertThat(LOOKUPS).hasValue(1);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new UncheckedIOException(e);
    }
  }
}
