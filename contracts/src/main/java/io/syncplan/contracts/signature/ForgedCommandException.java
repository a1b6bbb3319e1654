package io.syncplan.contracts.signature;

import io.syncplan.contracts.message.UnreadableMessageException;

/** A record on a command topic without a signature a trusted key verifies. Never retried. */
public class ForgedCommandException extends UnreadableMessageException {

  public ForgedCommandException(String message) {
    super(message);
  }
}
