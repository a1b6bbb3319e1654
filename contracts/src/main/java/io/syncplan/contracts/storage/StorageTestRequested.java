package io.syncplan.contracts.storage;

import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.StorageSpec;
import java.util.Objects;

/**
 * Command to the executors of a pool: check that this storage can be reached. Storage messages
 * carry the storage id where plan messages carry the plan id (envelope field and record key).
 */
public record StorageTestRequested(String requestId, StorageSpec storage, String path)
    implements Message {

  public StorageTestRequested {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(storage, "storage");
  }

  @Override
  public String planId() {
    return storage.id();
  }
}
