package io.syncplan.contracts.message;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for envelopes; a null value (a tombstone) stays null. Wrap it in
 * spring-kafka's {@code ErrorHandlingDeserializer} so that an unreadable record goes to the
 * dead-letter topic instead of stopping the consumer.
 */
public class EnvelopeDeserializer implements Deserializer<Envelope<Message>> {

  @Override
  public Envelope<Message> deserialize(String topic, byte[] data) {
    return data == null ? null : MessageCodec.shared().decode(data);
  }
}
