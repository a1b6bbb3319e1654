package io.syncplan.contracts.message;

/** The payload of an {@link Envelope}: an event or a command about one plan. */
public interface Message {

  /** The plan this message is about; also the Kafka record key. */
  String planId();

  /** The run this message is about, or null when it is not about a run. */
  default String runId() {
    return null;
  }

  /**
   * The type written into the envelope; decides how the payload is read back. By default the one
   * type {@link MessageType} reads into this record.
   */
  default MessageType messageType() {
    return MessageType.ofPayload(getClass());
  }
}
