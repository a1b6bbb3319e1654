package io.syncplan.plan.storage;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A connectivity check of a storage and its answer. Kept in the store, not in memory, because the
 * answer may reach another instance of plan-service than the one whose client waits for it.
 *
 * @param status PENDING, REACHABLE or UNREACHABLE
 */
@Document("storage_tests")
record StorageTestDocument(
    @Id String requestId,
    String storageId,
    String pool,
    String path,
    String status,
    String message,
    String executorId,
    Instant requestedAt,
    Instant answeredAt) {

  boolean answered() {
    return !"PENDING".equals(status);
  }
}
