package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.EmailTarget;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.FilterSpec;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.plan.RevisionPolicy;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.contracts.plan.WebhookTarget;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A plan as the API shows it. Secrets are never shown, only whether they are set. */
public record PlanResponse(
    String id,
    long version,
    String name,
    String description,
    List<String> tags,
    EndpointView source,
    EndpointView destination,
    SyncMode mode,
    ScheduleSpec schedule,
    RevisionPolicy revisions,
    FilterSpec filters,
    PerformanceSpec performance,
    RetryPolicy retries,
    NotificationsView notifications,
    boolean encrypted,
    String pool,
    Priority priority,
    DeletionGuard deletionGuard,
    boolean paused,
    Instant createdAt,
    Instant updatedAt) {

  /** A local path, or a path on a named storage. */
  public record EndpointView(String path, String storageId) {

    static EndpointView of(Endpoint endpoint) {
      return new EndpointView(
          endpoint.path(), endpoint.storage() == null ? null : endpoint.storage().id());
    }
  }

  public record NotificationsView(List<EmailTarget> emails, List<WebhookView> webhooks) {}

  /** A webhook; its secret and the values of its headers stay hidden. */
  public record WebhookView(
      String url, Set<Outcome> on, WebhookFormat format, Set<String> headers, boolean signed) {

    static WebhookView of(WebhookTarget webhook) {
      return new WebhookView(
          webhook.url(),
          webhook.on(),
          webhook.format(),
          webhook.headers().keySet(),
          webhook.secret() != null);
    }
  }

  static PlanResponse of(PlanDocument document) {
    PlanSnapshot plan = document.plan();
    return new PlanResponse(
        plan.id(),
        plan.version(),
        plan.name(),
        plan.description(),
        plan.tags(),
        EndpointView.of(plan.source()),
        EndpointView.of(plan.destination()),
        plan.mode(),
        plan.schedule(),
        plan.revisions(),
        plan.filters(),
        plan.performance(),
        plan.retries(),
        new NotificationsView(
            plan.notifications().emails(),
            plan.notifications().webhooks().stream().map(WebhookView::of).toList()),
        plan.encryption() != null,
        plan.pool(),
        plan.priority(),
        plan.deletionGuard(),
        plan.paused(),
        document.createdAt(),
        plan.updatedAt());
  }
}
