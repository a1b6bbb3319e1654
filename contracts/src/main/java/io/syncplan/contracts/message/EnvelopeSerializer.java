package io.syncplan.contracts.message;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka value serializer for envelopes; a null value stays null (a tombstone). */
public class EnvelopeSerializer implements Serializer<Envelope<?>> {

  @Override
  public byte[] serialize(String topic, Envelope<?> envelope) {
    return envelope == null ? null : MessageCodec.shared().encode(envelope);
  }
}
