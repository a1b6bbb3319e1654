package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.FilterPreset;
import io.syncplan.contracts.plan.FilterSpec;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.plan.RevisionPolicy;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretContext;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A snapshot as the request that would produce it, secrets left out (which keeps them): the base a
 * partial update is merged into. The URL of a webhook or an HTTP hook is what names it, so it is
 * opened.
 */
final class PlanRequests {

  private PlanRequests() {}

  static PlanRequest of(PlanSnapshot plan, BiFunction<SealedSecret, SecretContext, String> open) {
    return new PlanRequest(
        plan.name(),
        plan.description(),
        plan.tags(),
        endpoint(plan.source()),
        endpoint(plan.destination()),
        plan.mode().name(),
        schedule(plan.schedule()),
        revisions(plan.revisions()),
        filters(plan.filters()),
        performance(plan.performance()),
        retries(plan.retries()),
        new NotificationsRequest(
            plan.notifications().emails().stream()
                .map(e -> new EmailRequest(e.address(), names(e.on())))
                .toList(),
            plan.notifications().webhooks().stream()
                .map(
                    w ->
                        new WebhookRequest(
                            w.inClear()
                                ? w.url()
                                : open.apply(w.sealedUrl(), SecretContext.webhookUrl(plan.id())),
                            names(w.on()),
                            w.format().name(),
                            null,
                            null))
                .toList()),
        plan.encryption() == null ? null : new EncryptionRequest(null, null),
        plan.pool(),
        plan.priority().name(),
        deletionGuard(plan.deletionGuard()),
        plan.paused(),
        trigger(plan.trigger()),
        plan.hooks().stream()
            .map(
                hook ->
                    new HookRequest(
                        hook.on().name(),
                        hook.timeout().toString(),
                        hook.abortOnError(),
                        hook.command(),
                        hook.http() == null
                            ? null
                            : new HttpHookRequest(
                                open.apply(
                                    hook.http().sealedUrl(), SecretContext.hookUrl(plan.id())),
                                hook.http().method(),
                                null,
                                null)))
            .toList(),
        VerifyPolicyRequest.of(plan.verify()));
  }

  /** The plans a chain names, by id. */
  private static TriggerRequest trigger(TriggerSpec trigger) {
    if (trigger.isEmpty()) {
      return null;
    }
    return new TriggerRequest(
        trigger.after().stream()
            .map(
                after ->
                    new AfterPlanRequest(
                        after.planId(),
                        after.on().stream().map(RunOutcome::name).sorted().toList()))
            .toList());
  }

  private static EndpointRequest endpoint(Endpoint endpoint) {
    return new EndpointRequest(
        endpoint.storage() == null ? null : endpoint.storage().id(), endpoint.path());
  }

  private static ScheduleRequest schedule(ScheduleSpec spec) {
    if (spec == null) {
      return null;
    }
    return new ScheduleRequest(
        spec.type().name(),
        spec.everyMinutes(),
        spec.minute(),
        spec.time() == null ? null : spec.time().toString(),
        spec.days().isEmpty() ? null : spec.days().stream().map(DayOfWeek::name).toList(),
        spec.dayOfMonth(),
        spec.lastDayOfMonth() ? Boolean.TRUE : null,
        spec.cron(),
        spec.timeZone(),
        spec.overlap().name(),
        spec.pauseAfterFailures());
  }

  private static RevisionsRequest revisions(RevisionPolicy policy) {
    return new RevisionsRequest(policy.keepDays(), policy.keepCount());
  }

  private static FiltersRequest filters(FilterSpec spec) {
    return new FiltersRequest(
        spec.includePaths(),
        spec.excludePatterns(),
        spec.presets().stream().map(FilterPreset::name).toList());
  }

  private static PerformanceRequest performance(PerformanceSpec spec) {
    return new PerformanceRequest(
        spec.transfers(),
        spec.bufferSize(),
        spec.multiThreadStreams(),
        spec.compare().name(),
        text(spec.maxDuration()),
        spec.maxTransfer(),
        spec.bandwidth());
  }

  private static RetriesRequest retries(RetryPolicy policy) {
    return new RetriesRequest(policy.attempts(), text(policy.delay()), policy.backoffMultiplier());
  }

  private static DeletionGuardRequest deletionGuard(DeletionGuard guard) {
    return new DeletionGuardRequest(
        guard.enabled(), guard.maxDeletePercent(), guard.minFiles(), guard.checkAccess());
  }

  private static List<String> names(Collection<Outcome> outcomes) {
    return outcomes.stream().map(Outcome::name).sorted().toList();
  }

  private static String text(Duration duration) {
    return duration == null ? null : duration.toString();
  }
}
