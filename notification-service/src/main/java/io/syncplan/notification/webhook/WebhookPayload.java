package io.syncplan.notification.webhook;

import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.notification.content.Notification;
import io.syncplan.notification.rule.Occasion;
import java.time.Instant;
import java.util.List;

/**
 * The JSON body a webhook of format JSON receives, version 1, documented in docs/notifications.md.
 * Within a version fields are only ever added; receivers ignore fields they do not know.
 *
 * @param eventId the event this is about; also the {@code Idempotency-Key} header
 * @param eventType for example {@code run.failed}; {@code notification.test} for a test
 * @param outcome STARTED, RETRYING, SUCCEEDED, PARTIAL, FAILED, CANCELLED, NEEDS_RESYNC, PAUSED,
 *     VERIFY_FAILED or TEST
 * @param run null for a test notification
 */
record WebhookPayload(
    int schemaVersion,
    String eventId,
    String eventType,
    String outcome,
    Instant occurredAt,
    boolean test,
    Plan plan,
    Run run) {

  public static final int SCHEMA_VERSION = 1;

  public record Plan(String id, String name, SyncMode mode, String source, String destination) {}

  /**
   * @param attempt the run's attempt this is about
   * @param maxAttempts for a retrying run, how many attempts it may take
   * @param durationMillis from start to end, for a finished run
   * @param url the run in the API, when a public base URL is configured
   */
  public record Run(
      String id,
      Integer attempt,
      Integer maxAttempts,
      boolean dryRun,
      Instant startedAt,
      Instant finishedAt,
      Long durationMillis,
      Instant nextAttemptAt,
      RunStats stats,
      Error error,
      String url) {}

  /**
   * @param logTail the last lines of rclone's log, secrets removed
   */
  public record Error(String reason, String message, Integer exitCode, List<String> logTail) {

    static Error of(RunError error) {
      return error == null
          ? null
          : new Error(error.reason(), error.message(), error.exitCode(), error.logTail());
    }
  }

  public static WebhookPayload of(Notification notification) {
    boolean test = notification.occasion() == Occasion.TEST;
    return new WebhookPayload(
        SCHEMA_VERSION,
        notification.eventId(),
        notification.eventType(),
        notification.occasion().name(),
        notification.occurredAt(),
        test,
        new Plan(
            notification.planId(),
            notification.planName(),
            notification.mode(),
            notification.source(),
            notification.destination()),
        test
            ? null
            : new Run(
                notification.runId(),
                notification.attempt(),
                notification.maxAttempts(),
                notification.dryRun(),
                notification.startedAt(),
                notification.finishedAt(),
                notification.duration() == null ? null : notification.duration().toMillis(),
                notification.nextAttemptAt(),
                notification.stats(),
                Error.of(notification.error()),
                notification.runUrl()));
  }
}
