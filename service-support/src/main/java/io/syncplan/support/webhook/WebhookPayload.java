package io.syncplan.support.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStats;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body a webhook of format JSON receives, and an HTTP hook, version 1, documented in
 * docs/notifications.md. Within a version fields are only ever added; receivers ignore fields they
 * do not know.
 *
 * @param eventId the event this is about; also the {@code Idempotency-Key} header
 * @param eventType for example {@code run.failed}; {@code notification.test} for a test
 * @param outcome STARTED, RETRYING, SUCCEEDED, PARTIAL, FAILED, CANCELLED, NEEDS_RESYNC, PAUSED,
 *     VERIFY_FAILED or TEST
 * @param run null for a test notification
 */
public record WebhookPayload(
    int schemaVersion,
    String eventId,
    String eventType,
    String outcome,
    Instant occurredAt,
    boolean test,
    Plan plan,
    Run run) {

  public static final int SCHEMA_VERSION = 1;

  /** How webhook bodies are written: ISO-8601 times, absent values left out. */
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .changeDefaultPropertyInclusion(
              inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  /**
   * @param source where the plan reads from, as {@link #describe described}
   */
  public record Plan(String id, String name, SyncMode mode, String source, String destination) {

    /** The plan as a body names it. */
    public static Plan of(PlanSnapshot plan) {
      return new Plan(
          plan.id(),
          plan.name(),
          plan.mode(),
          describe(plan.source()),
          describe(plan.destination()));
    }
  }

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

    public static Error of(RunError error) {
      return error == null
          ? null
          : new Error(error.reason(), error.message(), error.exitCode(), error.logTail());
    }
  }

  /** A body in this format: the payload, or a chat app's message. */
  public static byte[] json(Object body) {
    return JSON.writeValueAsBytes(body);
  }

  /** A path on a named storage as {@code name:path}; a local path as it is. No secrets. */
  public static String describe(Endpoint endpoint) {
    if (endpoint.storage() == null) {
      return endpoint.path();
    }
    String name = endpoint.storage().name();
    return (name == null || name.isBlank() ? endpoint.storage().id() : name)
        + ":"
        + endpoint.path();
  }
}
