package io.syncplan.plan.revision;

import io.syncplan.contracts.revision.RevisionFile;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One version a revision folder keeps, as earlier versions stored the index: one document per file.
 * Only read ({@link LegacyRevisionFiles}) and removed now; the index is stored in parts ({@link
 * RevisionPartDocument}).
 *
 * @param id {@code <planId>/<revision>/<side>/<path>}
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
    RevisionFile.Side side) {}
