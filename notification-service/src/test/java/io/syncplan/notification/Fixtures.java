package io.syncplan.notification;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.EmailTarget;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.NotificationSpec;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plans and run events as the other services publish them. */
public final class Fixtures {

  private Fixtures() {}

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  public static PlanChanged plan(
      String planId, String name, List<EmailTarget> emails, List<WebhookTarget> webhooks) {
    return new PlanChanged(
        PlanChange.CREATED,
        new PlanSnapshot(
            planId,
            1,
            name,
            null,
            List.of(),
            Endpoint.local("/data/" + name),
            new Endpoint(
                "backup/" + name,
                new StorageSpec("storage-1", "offsite", "sftp", Map.of("host", "example"), null)),
            SyncMode.MIRROR,
            null,
            null,
            null,
            null,
            null,
            new NotificationSpec(emails, webhooks),
            null,
            null,
            null,
            null,
            false,
            Instant.now()));
  }

  public static PlanChanged planWithWebhooks(String planId, WebhookTarget... webhooks) {
    return plan(planId, "docs", List.of(), List.of(webhooks));
  }

  public static RunFinished succeeded(String planId, String runId, RunStats stats) {
    Instant end = Instant.now();
    return new RunFinished(
        runId,
        planId,
        RunStatus.SUCCEEDED,
        end.minus(Duration.ofSeconds(64)),
        end,
        1,
        false,
        stats,
        null,
        null);
  }

  public static RunFinished failed(String planId, String runId) {
    Instant end = Instant.now();
    return new RunFinished(
        runId,
        planId,
        RunStatus.FAILED,
        end.minus(Duration.ofSeconds(4)),
        end,
        3,
        false,
        new RunStats(1, 0, 0, 0, 2048, 10, 1),
        null,
        new RunError(
            "RCLONE_ERROR",
            "directory not found",
            3,
            List.of("line one", "ERROR : backup: directory not found", "last line")));
  }

  public static <T extends Message> Envelope<T> envelope(T payload) {
    return Envelope.wrap(payload, "test", Clock.systemUTC());
  }
}
