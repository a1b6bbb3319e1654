package io.syncplan.plan.revision;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A clean-up of a plan's expired revisions asked for through the API, and its result.
 *
 * @param status REQUESTED, DONE or FAILED
 */
@Document("revision_cleanups")
record RevisionCleanupDocument(
    @Id String requestId,
    String planId,
    String status,
    Instant requestedAt,
    Integer foldersRemoved,
    Integer foldersKept,
    String error,
    Instant finishedAt) {}
