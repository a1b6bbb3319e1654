package io.syncplan.plan.revision;

import io.syncplan.contracts.revision.RevisionFile;
import java.time.Instant;

/**
 * A version a revision folder keeps.
 *
 * @param runId the run that replaced or deleted it (the one that made the folder); null when the
 *     folder was indexed from the storage alone
 * @param side whose history keeps it: the destination's, or for BISYNC also the source's
 */
record RevisionFileResponse(
    String path,
    long size,
    Instant modifiedAt,
    String revision,
    Instant revisionMadeAt,
    String runId,
    RevisionFile.Side side) {

  static RevisionFileResponse of(RevisionDocument folder, RevisionPartDocument.IndexedFile file) {
    return new RevisionFileResponse(
        file.path(),
        file.size(),
        file.modifiedAt(),
        folder.revision(),
        folder.madeAt(),
        folder.runId(),
        file.side());
  }

  static RevisionFileResponse of(RevisionFileDocument file) {
    return new RevisionFileResponse(
        file.path(),
        file.size(),
        file.modifiedAt(),
        file.revision(),
        file.madeAt(),
        file.runId(),
        file.side());
  }
}
