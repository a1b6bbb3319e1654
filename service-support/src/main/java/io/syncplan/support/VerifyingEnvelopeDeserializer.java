package io.syncplan.support;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.EnvelopeDeserializer;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.signature.CommandSignatures;
import io.syncplan.contracts.signature.ForgedCommandException;
import java.security.PublicKey;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads envelopes like {@link EnvelopeDeserializer}, but a record on a command topic only with a
 * signature one of the trusted keys verifies ({@link CommandSignatures}): any other is refused with
 * {@link ForgedCommandException}, logged, and (behind spring-kafka's error-handling deserializer)
 * parked on the topic's dead-letter topic, never handled.
 */
public class VerifyingEnvelopeDeserializer extends EnvelopeDeserializer {

  private static final Logger log = LoggerFactory.getLogger(VerifyingEnvelopeDeserializer.class);

  private final List<PublicKey> trusted;

  public VerifyingEnvelopeDeserializer(List<PublicKey> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  @Override
  public Envelope<Message> deserialize(String topic, Headers headers, byte[] data) {
    if (data != null && CommandSignatures.covers(topic)) {
      Header signature = headers == null ? null : headers.lastHeader(CommandSignatures.HEADER);
      String problem =
          trusted.isEmpty()
              ? "this service trusts no command signing key (syncplan.command-signing.trusted-keys)"
              : CommandSignatures.problem(
                  trusted, topic, data, signature == null ? null : signature.value());
      if (problem != null) {
        log.warn("Refused a record on {}: {}; it is not handled", topic, problem);
        throw new ForgedCommandException("a record on " + topic + " was refused: " + problem);
      }
    }
    return deserialize(topic, data);
  }
}
