package io.syncplan.support;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.EnvelopeSerializer;
import io.syncplan.contracts.signature.CommandSignatures;
import java.security.PrivateKey;
import org.apache.kafka.common.header.Headers;

/**
 * Writes envelopes like {@link EnvelopeSerializer} and, given a private key, signs every record on
 * a command topic ({@link CommandSignatures}). Without a key it signs nothing: a service that never
 * sends commands needs none.
 */
public class SigningEnvelopeSerializer extends EnvelopeSerializer {

  private final PrivateKey key;

  public SigningEnvelopeSerializer(PrivateKey key) {
    this.key = key;
  }

  @Override
  public byte[] serialize(String topic, Headers headers, Envelope<?> envelope) {
    byte[] value = serialize(topic, envelope);
    if (key != null && value != null && headers != null && CommandSignatures.covers(topic)) {
      headers.remove(CommandSignatures.HEADER);
      headers.add(CommandSignatures.HEADER, CommandSignatures.sign(key, topic, value));
    }
    return value;
  }
}
