package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.EmailTarget;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.FilterSpec;
import io.syncplan.contracts.plan.HookOn;
import io.syncplan.contracts.plan.HookSpec;
import io.syncplan.contracts.plan.HttpHook;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.plan.RevisionPolicy;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.contracts.plan.VerifyPolicy;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.plan.plan.PlanDocument.InitState;
import io.syncplan.plan.plan.PlanDocument.LastRun;
import io.syncplan.plan.plan.PlanDocument.NeedsResync;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plan as the API shows it, with what the rest of the system reports about it. Secrets are never
 * shown, only whether they are set; of a webhook, its host, a fingerprint of its URL and the names
 * of its headers are shown.
 *
 * @param trigger the plans whose runs start this one (a chain)
 * @param pausedReason why the plan paused itself (after {@code schedule.pauseAfterFailures} failed
 *     runs in a row), while it stays paused; null otherwise
 * @param needsResync for a BISYNC plan whose runs are refused until an operator resyncs it, why and
 *     since when; null otherwise
 * @param verify whether and how the plan verifies its destination by itself
 * @param lastVerification the latest verification that compared both sides; null before one
 */
record PlanResponse(
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
    PerformanceView performance,
    RetriesView retries,
    NotificationsView notifications,
    EncryptionView encryption,
    String pool,
    Priority priority,
    DeletionGuard deletionGuard,
    boolean paused,
    InitializationView initialization,
    LastRun lastRun,
    Instant nextRunAt,
    Instant createdAt,
    Instant updatedAt,
    TriggerView trigger,
    String pausedReason,
    NeedsResync needsResync,
    List<HookView> hooks,
    VerifyPolicy verify,
    PlanDocument.LastVerification lastVerification) {

  /**
   * A hook of the plan: when it runs, its timeout, whether it can abort the run, and its action:
   * the name of the operator's command, or a request.
   */
  public record HookView(
      HookOn on, String timeout, boolean abortOnError, String command, HttpHookView http) {

    static List<HookView> of(List<HookSpec> hooks) {
      return hooks.stream()
          .map(
              hook ->
                  new HookView(
                      hook.on(),
                      hook.timeout().toString(),
                      hook.abortOnError(),
                      hook.command(),
                      hook.http() == null ? null : HttpHookView.of(hook.http())))
          .toList();
    }
  }

  /**
   * An HTTP hook, shown like a webhook by its host and a fingerprint of its URL: the URL, the
   * values of its headers and its secret may be credentials and stay hidden.
   */
  public record HttpHookView(
      String method, String host, String fingerprint, Set<String> headers, boolean secretSet) {

    static HttpHookView of(HttpHook http) {
      return new HttpHookView(
          http.method(),
          http.host(),
          http.fingerprint(),
          new TreeSet<>(http.sealedHeaders().keySet()),
          http.secret() != null);
    }
  }

  /**
   * The plans whose runs start this one, by id, each with the outcomes that do; {@code GET
   * /plans/{id}/chain} adds their names and the plans this one starts.
   */
  public record TriggerView(List<AfterView> after) {

    static TriggerView of(TriggerSpec trigger) {
      return new TriggerView(
          trigger.after().stream()
              .map(after -> new AfterView(after.planId(), new TreeSet<>(after.on())))
              .toList());
    }
  }

  /**
   * @param plan the id of the plan whose runs start this one
   */
  public record AfterView(String plan, Set<RunOutcome> on) {}

  /** A local path, or a path on a named storage. */
  public record EndpointView(String path, String storage, String storageName, String storageType) {

    static EndpointView of(Endpoint endpoint) {
      return endpoint.storage() == null
          ? new EndpointView(endpoint.path(), null, null, null)
          : new EndpointView(
              endpoint.path(),
              endpoint.storage().id(),
              endpoint.storage().name(),
              endpoint.storage().type());
    }
  }

  public record PerformanceView(
      int transfers,
      String bufferSize,
      int multiThreadStreams,
      io.syncplan.contracts.plan.CompareStrategy compare,
      String maxDuration,
      String maxTransfer,
      String bandwidth) {

    static PerformanceView of(PerformanceSpec spec) {
      return new PerformanceView(
          spec.transfers(),
          spec.bufferSize(),
          spec.multiThreadStreams(),
          spec.compare(),
          text(spec.maxDuration()),
          spec.maxTransfer(),
          spec.bandwidth());
    }
  }

  public record RetriesView(int attempts, String delay, double backoffMultiplier) {

    static RetriesView of(RetryPolicy policy) {
      return new RetriesView(policy.attempts(), text(policy.delay()), policy.backoffMultiplier());
    }
  }

  public record NotificationsView(List<EmailTarget> emails, List<WebhookView> webhooks) {}

  /**
   * A webhook, shown by its host and a fingerprint of its URL: the URL, the values of its headers
   * and its secret may be credentials and stay hidden.
   *
   * @param fingerprint the first 12 hex digits of the SHA-256 of the URL, the same as in its
   *     deliveries' channel ({@code webhook:<host>#<fingerprint>})
   */
  public record WebhookView(
      String host,
      String fingerprint,
      Set<Outcome> on,
      WebhookFormat format,
      Set<String> headers,
      boolean secretSet) {

    static WebhookView of(WebhookTarget webhook) {
      return new WebhookView(
          webhook.host(),
          webhook.fingerprint(),
          new TreeSet<>(webhook.on()),
          webhook.format(),
          new TreeSet<>(webhook.headerNames()),
          webhook.secret() != null);
    }
  }

  /** Whether the destination is encrypted; the password itself is never shown. */
  public record EncryptionView(boolean passwordSet, boolean saltSet) {}

  /** Whether an executor prepared the plan's destination, and if not, why. */
  public record InitializationView(InitState state, String reason, long planVersion, Instant at) {}

  static PlanResponse of(PlanDocument document) {
    PlanSnapshot plan = document.plan();
    PlanDocument.Initialization init = document.init();
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
        PerformanceView.of(plan.performance()),
        RetriesView.of(plan.retries()),
        new NotificationsView(
            plan.notifications().emails(),
            plan.notifications().webhooks().stream().map(WebhookView::of).toList()),
        plan.encryption() == null
            ? null
            : new EncryptionView(true, plan.encryption().salt() != null),
        plan.pool(),
        plan.priority(),
        plan.deletionGuard(),
        plan.paused(),
        init == null
            ? null
            : new InitializationView(init.state(), init.reason(), init.planVersion(), init.at()),
        document.lastRun(),
        document.schedule() == null || plan.paused() ? null : document.schedule().nextRunAt(),
        document.createdAt(),
        plan.updatedAt(),
        TriggerView.of(plan.trigger()),
        plan.pausedReason(),
        document.needsResync(),
        HookView.of(plan.hooks()),
        plan.verify(),
        document.lastVerification());
  }

  private static String text(Duration duration) {
    return duration == null ? null : duration.toString();
  }
}
