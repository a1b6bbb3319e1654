package io.syncplan.notification.delivery;

import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import java.time.Instant;

/**
 * The JSON body a webhook receives, version 1 (see docs/events.md). Fields are only ever added
 * within a version.
 *
 * @param eventId the run event this is about; also sent as the {@code Idempotency-Key} header
 * @param eventType for example {@code run.succeeded} or {@code run.failed}
 */
public record WebhookPayload(
    int schemaVersion,
    String eventId,
    String eventType,
    Instant occurredAt,
    String planId,
    String planName,
    String runId,
    RunStatus status,
    Instant startedAt,
    Instant finishedAt,
    RunStats stats,
    RunError error) {

  public static final int SCHEMA_VERSION = 1;
}
