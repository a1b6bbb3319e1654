package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.EmailTarget;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.NotificationSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.WebhookTarget;
import java.time.Instant;
import java.util.List;

/** Turns a validated {@link PlanRequest} into the plan's snapshot. */
final class PlanMapper {

  private PlanMapper() {}

  static PlanSnapshot toSnapshot(String id, long version, PlanRequest request, Instant now) {
    return new PlanSnapshot(
        id,
        version,
        request.name().strip(),
        request.description(),
        request.tags(),
        Endpoint.local(request.source().path()),
        Endpoint.local(request.destination().path()),
        SyncMode.valueOf(request.mode()),
        request.schedule() == null ? null : ScheduleParser.toSpec(request.schedule()),
        null,
        null,
        null,
        null,
        notifications(request.notifications()),
        null,
        request.pool(),
        null,
        null,
        false,
        now);
  }

  private static NotificationSpec notifications(NotificationsRequest request) {
    if (request == null) {
      return NotificationSpec.NONE;
    }
    List<EmailTarget> emails =
        request.emails() == null
            ? List.of()
            : request.emails().stream().map(e -> new EmailTarget(e.address(), null)).toList();
    List<WebhookTarget> webhooks =
        request.webhooks() == null
            ? List.of()
            : request.webhooks().stream().map(w -> WebhookTarget.json(w.url())).toList();
    return new NotificationSpec(emails, webhooks);
  }
}
