package io.syncplan.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.syncplan.notification.channel.AttemptResult;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * What operators watch of deliveries, tagged by {@code channel} (email, webhook; never an address
 * or URL):
 *
 * <ul>
 *   <li>{@value #ATTEMPTS}: every attempt by {@code result} (success, retryable, permanent); a
 *       rising retryable count is a receiver in trouble.
 *   <li>{@value #DELIVERIES}: every delivery's final {@code outcome} (delivered, failed).
 *   <li>{@value #LATENCY}: from the run event's {@code occurredAt} to delivered, retries included.
 * </ul>
 */
@Component
class DeliveryMetrics {

  static final String ATTEMPTS = "syncplan.notifications.attempts";
  static final String DELIVERIES = "syncplan.notifications.deliveries";
  static final String LATENCY = "syncplan.notifications.latency";

  private final MeterRegistry meters;

  DeliveryMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void attempted(Delivery delivery, AttemptResult result) {
    String outcome =
        switch (result.verdict()) {
          case DELIVERED -> "success";
          case RETRYABLE -> "retryable";
          case REJECTED -> "permanent";
        };
    Counter.builder(ATTEMPTS)
        .description("Delivery attempts by channel and result")
        .tag("channel", channel(delivery))
        .tag("result", outcome)
        .register(meters)
        .increment();
  }

  void delivered(Delivery delivery, Instant at) {
    settled(delivery, "delivered");
    Instant occurredAt =
        delivery.notification() == null ? null : delivery.notification().occurredAt();
    if (occurredAt != null && !at.isBefore(occurredAt)) {
      Timer.builder(LATENCY)
          .description("From the run event to its notification delivered, retries included")
          .tag("channel", channel(delivery))
          .publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofMillis(10))
          .maximumExpectedValue(Duration.ofHours(2))
          .register(meters)
          .record(Duration.between(occurredAt, at));
    }
  }

  void failed(Delivery delivery) {
    settled(delivery, "failed");
  }

  private void settled(Delivery delivery, String outcome) {
    Counter.builder(DELIVERIES)
        .description("Deliveries by channel and final outcome")
        .tag("channel", channel(delivery))
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  /** The channel's kind, from its id ({@code webhook:<host>#<hash>}, {@code email:<address>}). */
  private static String channel(Delivery delivery) {
    String id = delivery.channel();
    int colon = id == null ? -1 : id.indexOf(':');
    return colon < 0 ? "unknown" : id.substring(0, colon);
  }
}
