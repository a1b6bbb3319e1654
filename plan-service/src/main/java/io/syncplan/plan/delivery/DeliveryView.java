package io.syncplan.plan.delivery;

import java.time.Instant;

/**
 * One notification to one channel.
 *
 * @param channel {@code webhook:<host and hash>} or {@code email:<address>}; never a secret
 * @param status PENDING, DELIVERED or FAILED
 */
record DeliveryView(
    String eventId,
    String eventType,
    String channel,
    String status,
    int attempts,
    Integer lastResponseCode,
    String lastError,
    Instant updatedAt) {

  static DeliveryView of(DeliveryDocument document) {
    return new DeliveryView(
        document.eventId(),
        document.eventType(),
        document.channel(),
        document.status(),
        document.attempts(),
        document.lastResponseCode(),
        document.lastError(),
        document.updatedAt());
  }
}
