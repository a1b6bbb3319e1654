package io.syncplan.plan.revision;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A question to an executor about the file a plan's destination holds now, and its answer. Kept in
 * the store, because the answer may reach another instance of plan-service than the one whose
 * client waits; removed a day after it was asked.
 *
 * @param status PENDING, FOUND, ABSENT or FAILED
 */
@Document("current_versions")
record CurrentVersionDocument(
    @Id String requestId,
    String planId,
    String path,
    String status,
    long size,
    Instant modifiedAt,
    String error,
    @Indexed(expireAfter = "1d") Instant requestedAt) {

  boolean answered() {
    return !"PENDING".equals(status);
  }
}
