package io.syncplan.notification.rule;

import io.syncplan.contracts.plan.NotificationSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.support.webhook.WebhookPayload;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What notifications need to know of a plan, kept from its plan events: who to tell, and the plan's
 * name and endpoints to tell them about. A deleted plan keeps its entry, so that its last runs can
 * still be reported.
 *
 * @param source where the plan reads from, as {@code storage:path} or a local path
 */
@Document("plan_rules")
public record PlanRules(
    @Id String planId,
    long planVersion,
    String planName,
    SyncMode mode,
    String source,
    String destination,
    NotificationSpec notifications,
    boolean deleted) {

  /** The rules a plan event carries. */
  public static PlanRules of(PlanSnapshot plan) {
    return new PlanRules(
        plan.id(),
        plan.version(),
        plan.name(),
        plan.mode(),
        WebhookPayload.describe(plan.source()),
        WebhookPayload.describe(plan.destination()),
        plan.notifications(),
        false);
  }
}
