package io.syncplan.contracts.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON codec for every message of every service: dates as ISO-8601 strings, nulls left out,
 * unknown fields ignored so that producers can add fields without breaking consumers.
 */
public final class MessageCodec {

  private static final MessageCodec SHARED = new MessageCodec();

  private final JsonMapper mapper =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // A number a newer schema added and an older producer left out reads as 0.
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
          .changeDefaultPropertyInclusion(
              inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  private MessageCodec() {}

  public static MessageCodec shared() {
    return SHARED;
  }

  public byte[] encode(Envelope<?> envelope) {
    return mapper.writeValueAsBytes(envelope);
  }

  /** Reads an envelope and its payload; throws {@link UnreadableMessageException} if it can't. */
  public Envelope<Message> decode(byte[] json) {
    try {
      WireEnvelope wire = mapper.readValue(json, WireEnvelope.class);
      if (wire.type() == null || wire.payload() == null) {
        throw new UnreadableMessageException("a message needs a type and a payload");
      }
      MessageType type = MessageType.fromWireName(wire.type());
      Message payload = mapper.treeToValue(wire.payload(), type.payloadType());
      return new Envelope<>(
          wire.eventId(),
          wire.type(),
          wire.schemaVersion(),
          wire.occurredAt(),
          wire.planId(),
          wire.runId(),
          wire.producer(),
          payload);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new UnreadableMessageException("unreadable message: " + e.getMessage(), e);
    }
  }

  /** The JSON of a single value, for example a payload in a document or a response. */
  public String toJson(Object value) {
    return mapper.writeValueAsString(value);
  }

  public <T> T fromJson(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JacksonException e) {
      throw new UnreadableMessageException("unreadable " + type.getSimpleName(), e);
    }
  }

  private record WireEnvelope(
      UUID eventId,
      String type,
      int schemaVersion,
      Instant occurredAt,
      String planId,
      String runId,
      String producer,
      JsonNode payload) {}
}
