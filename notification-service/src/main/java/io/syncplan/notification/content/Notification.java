package io.syncplan.notification.content;

import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.notification.rule.Occasion;
import java.time.Duration;
import java.time.Instant;

/**
 * What one notification says, whatever channel it goes to. It is kept with each delivery, so a
 * delivery resumed after a restart says exactly what the first attempt said. It holds no secret.
 *
 * @param eventId the event it is about (for a test, the test request); the idempotency key
 * @param eventType for example {@code run.failed}, or {@code notification.test}
 * @param source where the plan reads from, as {@code storage:path} or a local path
 * @param attempt the run's attempt this is about, when it is about one
 * @param nextAttemptAt when a retrying run tries again
 * @param error why the run failed, or why it retries (its reason only)
 * @param runUrl the run in the API, when a public base URL is configured
 */
public record Notification(
    String eventId,
    String eventType,
    Occasion occasion,
    Instant occurredAt,
    String planId,
    String planName,
    SyncMode mode,
    String source,
    String destination,
    String runId,
    Integer attempt,
    Integer maxAttempts,
    boolean dryRun,
    Instant startedAt,
    Instant finishedAt,
    Instant nextAttemptAt,
    RunStats stats,
    RunError error,
    String runUrl) {

  /** How long the run took, when it has finished; else null. */
  public Duration duration() {
    return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
  }

  /** True when the run added, changed or deleted at least one file. */
  public boolean changedFiles() {
    return stats != null && stats.changedAnything();
  }
}
