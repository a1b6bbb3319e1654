package io.syncplan.notification.delivery;

import io.syncplan.notification.content.Notification;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One notification of one event to one channel: an entry of the delivery log. Its id is the event
 * id and the channel id, inserted before anything is sent: a redelivered event or a second instance
 * finds it taken and sends nothing. The instance named {@code owner} holds it until {@code
 * leaseUntil}; after that, any instance may take it over.
 *
 * @param channel {@code webhook:<host>#<hash>} or {@code email:<address>}; never a secret
 * @param attempts attempts started so far
 * @param lastResponseCode the HTTP status or SMTP reply of the last attempt, if it got one
 * @param lastError why the last attempt failed, if it did
 * @param nextAttemptAt when the next attempt is due, while PENDING
 * @param notification what is sent, kept so that a resumed delivery sends the same
 */
@Document("deliveries")
@CompoundIndex(name = "status_lease", def = "{'status': 1, 'leaseUntil': 1}")
@CompoundIndex(name = "status_updated", def = "{'status': 1, 'updatedAt': 1}")
// Every step of a delivery is a compare-and-set on exactly these three fields. MongoDB serves it
// from the _id index anyway; the embedded store (mongo-java-server) only uses an index whose keys
// are exactly the query's, and would otherwise scan the whole log on every step.
@CompoundIndex(name = "step", def = "{'_id': 1, 'owner': 1, 'status': 1}", unique = true)
record Delivery(
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
    Instant updatedAt,
    Instant nextAttemptAt,
    Instant deliveredAt,
    String owner,
    Instant leaseUntil,
    Notification notification) {

  static String id(String eventId, String channel) {
    return eventId + "|" + channel;
  }

  /**
   * A delivery claimed by {@code owner} with its first attempt starting at once: claiming it and
   * starting that attempt are one write.
   */
  static Delivery firstAttempt(
      Notification notification, String channel, String owner, Instant now, Instant leaseUntil) {
    return new Delivery(
        id(notification.eventId(), channel),
        notification.eventId(),
        notification.eventType(),
        notification.planId(),
        notification.runId(),
        channel,
        DeliveryStatus.SENDING,
        1,
        null,
        null,
        now,
        now,
        null,
        null,
        owner,
        leaseUntil,
        notification);
  }

  /** With another attempt in flight. */
  Delivery sending(Instant now, Instant leaseUntil) {
    return with(
        DeliveryStatus.SENDING,
        attempts + 1,
        lastResponseCode,
        lastError,
        now,
        nextAttemptAt,
        null,
        owner,
        leaseUntil);
  }

  /** Received: settled. */
  Delivery delivered(Integer responseCode, Instant now) {
    return with(DeliveryStatus.DELIVERED, attempts, responseCode, null, now, null, now, null, null);
  }

  /** The last attempt failed; the next is due at {@code next}. */
  Delivery retrying(
      Integer responseCode, String error, Instant now, Instant next, Instant leaseUntil) {
    return with(
        DeliveryStatus.PENDING, attempts, responseCode, error, now, next, null, owner, leaseUntil);
  }

  private Delivery with(
      DeliveryStatus status,
      int attempts,
      Integer lastResponseCode,
      String lastError,
      Instant updatedAt,
      Instant nextAttemptAt,
      Instant deliveredAt,
      String owner,
      Instant leaseUntil) {
    return new Delivery(
        id,
        eventId,
        eventType,
        planId,
        runId,
        channel,
        status,
        attempts,
        lastResponseCode,
        lastError,
        createdAt,
        updatedAt,
        nextAttemptAt,
        deliveredAt,
        owner,
        leaseUntil,
        notification);
  }
}
