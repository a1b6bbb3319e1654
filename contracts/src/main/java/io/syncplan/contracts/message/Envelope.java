package io.syncplan.contracts.message;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Every message on every topic travels in this envelope.
 *
 * @param eventId unique per message; consumers use it to recognise a redelivery
 * @param type what the payload is, for example {@code run.succeeded}
 * @param schemaVersion version of the payload's schema for that type
 * @param occurredAt when the producer decided this happened
 * @param planId the plan the message is about (also the record key)
 * @param runId the run the message is about, or null
 * @param producer the service that published it
 * @param payload the event or command
 */
public record Envelope<T extends Message>(
    UUID eventId,
    String type,
    int schemaVersion,
    Instant occurredAt,
    String planId,
    String runId,
    String producer,
    T payload) {

  public Envelope {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(producer, "producer");
    Objects.requireNonNull(payload, "payload");
    if (schemaVersion < 1) {
      throw new IllegalArgumentException("schemaVersion must be at least 1");
    }
  }

  /** Wraps a payload with a fresh event id, taking type, plan and run from the payload. */
  public static <T extends Message> Envelope<T> wrap(T payload, String producer, Clock clock) {
    return wrap(UUID.randomUUID(), payload, producer, clock.instant());
  }

  /** Wraps a payload with a given event id, for producers that must retry with the same id. */
  public static <T extends Message> Envelope<T> wrap(
      UUID eventId, T payload, String producer, Instant occurredAt) {
    MessageType type = payload.messageType();
    return new Envelope<>(
        eventId,
        type.wireName(),
        type.schemaVersion(),
        occurredAt,
        payload.planId(),
        payload.runId(),
        producer,
        payload);
  }
}
