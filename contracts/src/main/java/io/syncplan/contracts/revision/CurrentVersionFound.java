package io.syncplan.contracts.revision;

import io.syncplan.contracts.message.Message;
import java.time.Instant;
import java.util.Objects;

/**
 * An executor's answer to {@link CurrentVersionRequested}.
 *
 * @param exists whether the destination holds the file now
 * @param size its size in bytes, when it exists
 * @param modifiedAt its modification time, when it exists
 * @param error why the destination could not be asked; null when it was
 */
public record CurrentVersionFound(
    String requestId,
    String planId,
    String path,
    boolean exists,
    long size,
    Instant modifiedAt,
    String error)
    implements Message {

  public CurrentVersionFound {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(planId, "planId");
  }
}
