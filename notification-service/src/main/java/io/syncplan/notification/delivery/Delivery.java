package io.syncplan.notification.delivery;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One notification of one event to one channel, in the delivery log. Its id is the event id and the
 * channel, claimed before sending: a redelivered event or a second instance finds it taken and
 * sends nothing.
 *
 * @param channel {@code webhook:<url>} or {@code email:<address>}
 */
@Document("deliveries")
public record Delivery(
    @Id String id,
    String eventId,
    String eventType,
    String planId,
    @Indexed String runId,
    String channel,
    DeliveryStatus status,
    int attempts,
    Integer lastResponseCode,
    String lastError,
    Instant createdAt,
    Instant updatedAt) {

  static String id(String eventId, String channel) {
    return eventId + "|" + channel;
  }
}
