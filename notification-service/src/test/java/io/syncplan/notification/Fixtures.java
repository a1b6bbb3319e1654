package io.syncplan.notification;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.EmailTarget;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.NotificationSpec;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.testsupport.SyncplanInfrastructureExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
            Instant.now(),
            null,
            null,
            null,
            null));
  }

  /** The key tests seal with, as plan-service would with the shared key. */
  public static final SecretCipher CIPHER =
      new SecretCipher(SyncplanInfrastructureExtension.TEST_SECRETS_KEY);

  /** A JSON webhook of the plan for every finished run, sealed as plan-service publishes it. */
  public static WebhookTarget webhook(String planId, String url) {
    return webhook(planId, url, null, null, null, null);
  }

  /**
   * A webhook of the plan with its URL and header values sealed for it, as plan-service publishes
   * it.
   */
  public static WebhookTarget webhook(
      String planId,
      String url,
      Set<Outcome> on,
      WebhookFormat format,
      Map<String, String> headers,
      SealedSecret secret) {
    Map<String, SealedSecret> sealed = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach(
          (name, value) ->
              sealed.put(name, CIPHER.seal(value, SecretContext.webhookHeader(planId, name))));
    }
    return WebhookTarget.sealed(
        url, CIPHER.seal(url, SecretContext.webhookUrl(planId)), on, format, sealed, secret);
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
