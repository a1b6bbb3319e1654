package io.syncplan.notification.content;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.notification.config.NotificationProperties;
import io.syncplan.notification.rule.Occasion;
import io.syncplan.notification.rule.PlanRules;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Turns a run event and the plan it belongs to into what the notification says. */
@Component
public class NotificationFactory {

  /** The event type of a test notification. */
  public static final String TEST_EVENT_TYPE = "notification.test";

  /** The event type of a plan that paused itself. */
  public static final String PAUSED_EVENT_TYPE = "plan.paused";

  private final NotificationProperties properties;

  NotificationFactory(NotificationProperties properties) {
    this.properties = properties;
  }

  public Notification started(Envelope<?> envelope, RunStarted started, PlanRules plan) {
    return base(envelope.eventId().toString(), envelope.type(), Occasion.STARTED, envelope, plan)
        .attempt(started.attempt())
        .startedAt(started.startedAt())
        .build();
  }

  public Notification retrying(Envelope<?> envelope, RunRetrying retrying, PlanRules plan) {
    return base(envelope.eventId().toString(), envelope.type(), Occasion.RETRYING, envelope, plan)
        .attempt(retrying.attempt())
        .maxAttempts(retrying.maxAttempts())
        .nextAttemptAt(retrying.nextAttemptAt())
        .error(new RunError(retrying.reason(), null, null, null))
        .build();
  }

  public Notification finished(Envelope<?> envelope, RunFinished finished, PlanRules plan) {
    return base(
            envelope.eventId().toString(), envelope.type(), Occasion.of(finished), envelope, plan)
        .attempt(finished.attempts())
        .dryRun(finished.dryRun())
        .startedAt(finished.startedAt())
        .finishedAt(finished.finishedAt())
        .stats(finished.stats())
        .error(finished.error())
        .build();
  }

  /**
   * A BISYNC plan needs a resync: the error is its cause and what happened, and the run is the one
   * that found it.
   */
  public Notification needsResync(Envelope<?> envelope, ResyncNeeded needed, PlanRules plan) {
    return base(
            envelope.eventId().toString(), envelope.type(), Occasion.NEEDS_RESYNC, envelope, plan)
        .error(
            new RunError(
                needed.cause(),
                needed.message()
                    + ". Its runs are refused until an operator resyncs it: preview with POST"
                    + " /api/v1/plans/"
                    + needed.planId()
                    + "/resync?preview=true, then POST /api/v1/plans/"
                    + needed.planId()
                    + "/resync",
                null,
                null))
        .build();
  }

  /**
   * The plan paused itself after failing runs: the error says why and how to resume it. It is about
   * no run.
   */
  public Notification paused(Envelope<?> envelope, String reason, PlanRules plan) {
    return base(envelope.eventId().toString(), PAUSED_EVENT_TYPE, Occasion.PAUSED, envelope, plan)
        .error(
            new RunError(
                "PAUSED_AFTER_FAILURES",
                reason
                    + ". No run starts until it is resumed: POST /api/v1/plans/"
                    + plan.planId()
                    + "/resume",
                null,
                null))
        .build();
  }

  /** A test notification, identified by the request so a repeated request is sent once. */
  public Notification test(String requestId, Instant requestedAt, PlanRules plan) {
    return new Builder(requestId, TEST_EVENT_TYPE, Occasion.TEST, requestedAt, plan, null, null)
        .build();
  }

  private Builder base(
      String eventId, String eventType, Occasion occasion, Envelope<?> envelope, PlanRules plan) {
    String runId = envelope.runId();
    return new Builder(
        eventId, eventType, occasion, envelope.occurredAt(), plan, runId, properties.runUrl(runId));
  }

  private static final class Builder {
    private final String eventId;
    private final String eventType;
    private final Occasion occasion;
    private final Instant occurredAt;
    private final PlanRules plan;
    private final String runId;
    private final String runUrl;
    private Integer attempt;
    private Integer maxAttempts;
    private boolean dryRun;
    private Instant startedAt;
    private Instant finishedAt;
    private Instant nextAttemptAt;
    private RunStats stats;
    private RunError error;

    Builder(
        String eventId,
        String eventType,
        Occasion occasion,
        Instant occurredAt,
        PlanRules plan,
        String runId,
        String runUrl) {
      this.eventId = eventId;
      this.eventType = eventType;
      this.occasion = occasion;
      this.occurredAt = occurredAt;
      this.plan = plan;
      this.runId = runId;
      this.runUrl = runUrl;
    }

    Builder attempt(int attempt) {
      this.attempt = attempt;
      return this;
    }

    Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    Builder startedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    Builder finishedAt(Instant finishedAt) {
      this.finishedAt = finishedAt;
      return this;
    }

    Builder nextAttemptAt(Instant nextAttemptAt) {
      this.nextAttemptAt = nextAttemptAt;
      return this;
    }

    Builder stats(RunStats stats) {
      this.stats = stats;
      return this;
    }

    Builder error(RunError error) {
      this.error = error;
      return this;
    }

    Notification build() {
      return new Notification(
          eventId,
          eventType,
          occasion,
          occurredAt,
          plan.planId(),
          plan.planName(),
          plan.mode(),
          plan.source(),
          plan.destination(),
          runId,
          attempt,
          maxAttempts,
          dryRun,
          startedAt,
          finishedAt,
          nextAttemptAt,
          stats,
          error,
          runUrl);
    }
  }
}
