package io.syncplan.executor.hook;

import io.syncplan.contracts.message.MessageType;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.support.webhook.WebhookPayload;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The body of an HTTP hook: syncplan's webhook payload (docs/notifications.md, version 1) about the
 * run, as it starts for a BEFORE hook ({@code run.started}, outcome {@code STARTED}) and as it
 * ended for the others ({@code run.succeeded}, outcome {@code SUCCEEDED}, ...). Each request has an
 * event id of its own: a BEFORE hook run again on another executor is a new request.
 */
final class HookPayloads {

  private HookPayloads() {}

  static WebhookPayload before(RunRequested command, Instant now) {
    return new WebhookPayload(
        WebhookPayload.SCHEMA_VERSION,
        UUID.randomUUID().toString(),
        MessageType.RUN_STARTED.wireName(),
        "STARTED",
        now,
        false,
        WebhookPayload.Plan.of(command.plan()),
        new WebhookPayload.Run(
            command.runId(), null, null, false, null, null, null, null, null, null, null));
  }

  static WebhookPayload after(RunRequested command, RunFinished finished, Instant now) {
    return new WebhookPayload(
        WebhookPayload.SCHEMA_VERSION,
        UUID.randomUUID().toString(),
        finished.messageType().wireName(),
        finished.status().name(),
        now,
        false,
        WebhookPayload.Plan.of(command.plan()),
        new WebhookPayload.Run(
            command.runId(),
            finished.attempts(),
            null,
            false,
            finished.startedAt(),
            finished.finishedAt(),
            finished.startedAt() == null || finished.finishedAt() == null
                ? null
                : Duration.between(finished.startedAt(), finished.finishedAt()).toMillis(),
            null,
            finished.stats(),
            WebhookPayload.Error.of(finished.error()),
            null));
  }
}
