package io.syncplan.plan.revision;

import java.time.Instant;

/** A revision folder as the API shows it. */
record RevisionResponse(String revision, Instant madeAt, String runId, long files, long bytes) {

  static RevisionResponse of(RevisionDocument folder) {
    return new RevisionResponse(
        folder.revision(), folder.madeAt(), folder.runId(), folder.files(), folder.bytes());
  }
}
