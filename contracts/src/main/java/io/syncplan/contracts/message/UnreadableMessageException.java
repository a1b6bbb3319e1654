package io.syncplan.contracts.message;

/** A message that is not JSON, has an unknown type, or does not fit its type's schema. */
public class UnreadableMessageException extends RuntimeException {

  public UnreadableMessageException(String message) {
    super(message);
  }

  public UnreadableMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
