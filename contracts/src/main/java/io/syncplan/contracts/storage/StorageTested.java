package io.syncplan.contracts.storage;

import io.syncplan.contracts.message.Message;

/**
 * The answer to {@link StorageTestRequested}.
 *
 * @param message why it is not reachable, in rclone's words; null when reachable
 */
public record StorageTested(
    String requestId, String storageId, String executorId, boolean reachable, String message)
    implements Message {

  @Override
  public String planId() {
    return storageId;
  }
}
