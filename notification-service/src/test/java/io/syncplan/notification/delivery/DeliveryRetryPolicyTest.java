package io.syncplan.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.notification.channel.AttemptResult;
import io.syncplan.notification.config.NotificationProperties;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryRetryPolicyTest {

  final DeliveryRetryPolicy policy = new DeliveryRetryPolicy(properties(5));

  @Test
  void waitsGrowExponentiallyWithJitterUpToTheMaximum() {
    AttemptResult unreachable = AttemptResult.retryable(null, "connection refused", null);

    assertThat(policy.nextWait(1, unreachable).orElseThrow())
        .isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
    assertThat(policy.nextWait(2, unreachable).orElseThrow())
        .isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
    assertThat(policy.nextWait(3, unreachable).orElseThrow())
        .isBetween(Duration.ofMillis(3200), Duration.ofMillis(4000));
    assertThat(policy.nextWait(4, unreachable).orElseThrow())
        .isLessThanOrEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void thereIsNoAttemptAfterTheLast() {
    assertThat(policy.nextWait(5, AttemptResult.retryable(503, "HTTP 503", null))).isEmpty();
  }

  @Test
  void aRefusalIsNeverRetried() {
    assertThat(policy.nextWait(1, AttemptResult.rejected(404, "HTTP 404"))).isEmpty();
  }

  @Test
  void retryAfterIsHonouredButCapped() {
    assertThat(policy.nextWait(1, AttemptResult.retryable(429, "HTTP 429", Duration.ofSeconds(30))))
        .contains(Duration.ofSeconds(30));
    assertThat(policy.nextWait(1, AttemptResult.retryable(503, "HTTP 503", Duration.ofDays(2))))
        .contains(Duration.ofMinutes(10));
  }

  static NotificationProperties properties(int maxAttempts) {
    return new NotificationProperties(
        null,
        ZoneOffset.UTC,
        Duration.ofHours(24),
        Duration.ofSeconds(30),
        new NotificationProperties.Email("syncplan@localhost", 20),
        new NotificationProperties.Defaults(List.of(), List.of()),
        new NotificationProperties.Delivery(
            maxAttempts,
            Duration.ofSeconds(1),
            2.0,
            Duration.ofSeconds(4),
            Duration.ofMinutes(10),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(5),
            "syncplan.notification-deliveries.dlt",
            Duration.ofDays(30),
            Duration.ofHours(1)));
  }
}
