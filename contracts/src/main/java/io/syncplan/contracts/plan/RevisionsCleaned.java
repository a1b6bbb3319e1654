package io.syncplan.contracts.plan;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageType;

/**
 * Expired revisions of a plan were removed, on request ({@code requestId} set) or by the periodic
 * job.
 *
 * @param error why the clean-up failed; null when it succeeded
 */
public record RevisionsCleaned(
    String planId, String requestId, int foldersRemoved, int foldersKept, String error)
    implements Message {

  @Override
  public MessageType messageType() {
    return MessageType.REVISIONS_CLEANED;
  }
}
