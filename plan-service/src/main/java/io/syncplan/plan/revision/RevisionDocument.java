package io.syncplan.plan.revision;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One revision folder of a plan as the executors indexed it.
 *
 * @param id {@code <planId>/<revision>}
 * @param revision the folder's name, the start of the run that made it
 * @param runId the run that made it; null when indexed later from the storage alone
 * @param files the files it holds
 * @param bytes their bytes
 */
@Document("revisions")
@CompoundIndex(name = "plan_newest_first", def = "{'planId': 1, 'madeAt': -1}")
record RevisionDocument(
    @Id String id,
    String planId,
    String revision,
    Instant madeAt,
    String runId,
    long files,
    long bytes,
    Instant indexedAt) {

  static String id(String planId, String revision) {
    return planId + "/" + revision;
  }
}
