package io.syncplan.plan.outbox;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.MessageCodec;
import java.util.UUID;

/**
 * A message accepted with a change to a plan and not yet on Kafka. It is stored inside the plan's
 * document, in the same write as the change, so a change is never kept without its message.
 *
 * @param envelopeJson the encoded envelope, or null for a tombstone
 */
public record PendingMessage(String messageId, String topic, String key, String envelopeJson) {

  public static PendingMessage of(String topic, Envelope<?> envelope) {
    return new PendingMessage(
        envelope.eventId().toString(),
        topic,
        envelope.planId(),
        new String(
            MessageCodec.shared().encode(envelope), java.nio.charset.StandardCharsets.UTF_8));
  }

  public static PendingMessage tombstone(String topic, String key) {
    return new PendingMessage(UUID.randomUUID().toString(), topic, key, null);
  }

  public boolean isTombstone() {
    return envelopeJson == null;
  }

  /**
   * What the message weighs in its plan's document, near enough to bound the outbox: its envelope
   * and a fixed allowance for the fields around it.
   */
  public long weight() {
    return 256L + (envelopeJson == null ? 0 : envelopeJson.length());
  }
}
