package io.syncplan.plan.revision;

import io.syncplan.contracts.revision.RevisionFile;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One version a revision folder keeps: a page of a folder reads the index by plan, revision and
 * path; the versions of one path read it by plan and path.
 *
 * @param id {@code <planId>/<revision>/<side>/<path>}, so that a part indexed twice is stored once
 * @param side whose history holds it (BISYNC keeps losers on both sides)
 */
@Document("revision_files")
@CompoundIndex(name = "revision_by_path", def = "{'planId': 1, 'revision': 1, 'path': 1}")
@CompoundIndex(name = "versions_of_path", def = "{'planId': 1, 'path': 1, 'madeAt': -1}")
record RevisionFileDocument(
    @Id String id,
    String planId,
    String revision,
    Instant madeAt,
    String runId,
    String path,
    long size,
    Instant modifiedAt,
    RevisionFile.Side side) {

  static RevisionFileDocument of(
      String planId, String revision, Instant madeAt, String runId, RevisionFile file) {
    return new RevisionFileDocument(
        RevisionDocument.id(planId, revision) + "/" + file.side() + "/" + file.path(),
        planId,
        revision,
        madeAt,
        runId,
        file.path(),
        file.size(),
        file.modifiedAt(),
        file.side());
  }
}
