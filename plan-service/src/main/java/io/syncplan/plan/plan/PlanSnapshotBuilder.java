package io.syncplan.plan.plan;

import static java.util.Objects.requireNonNullElse;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.AfterPlan;
import io.syncplan.contracts.plan.CompareStrategy;
import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.EncryptionSpec;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.FilterPreset;
import io.syncplan.contracts.plan.FilterSpec;
import io.syncplan.contracts.plan.NotificationSpec;
import io.syncplan.contracts.plan.Outcome;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.plan.RevisionPolicy;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.plan.secret.Secrets;
import io.syncplan.plan.web.DurationTextValidator;
import io.syncplan.plan.web.InvalidRequestException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Turns a validated {@link PlanRequest} into the plan's snapshot: defaults filled in, storages
 * resolved, secrets sealed, then held to the rules executors apply too ({@link PlanChecks}).
 * Secrets the request leaves out are taken from the current snapshot.
 */
@Component
class PlanSnapshotBuilder {

  private final Secrets secrets;
  private final NotificationSpecs notifications;
  private final PlanChecks checks;
  private final PlanHooks hooks;

  PlanSnapshotBuilder(
      Secrets secrets, NotificationSpecs notifications, PlanChecks checks, PlanHooks hooks) {
    this.secrets = secrets;
    this.notifications = notifications;
    this.checks = checks;
    this.hooks = hooks;
  }

  /**
   * @param current the plan as it is, or null for a new plan
   * @param storages the storages the request names, by the reference it uses
   */
  PlanSnapshot build(
      String id,
      long version,
      PlanRequest request,
      PlanSnapshot current,
      Map<String, StorageSpec> storages,
      Instant now) {
    return checks.check(snapshot(id, version, request, current, storages, now));
  }

  private PlanSnapshot snapshot(
      String id,
      long version,
      PlanRequest request,
      PlanSnapshot current,
      Map<String, StorageSpec> storages,
      Instant now) {
    String pool = request.pool() == null ? Topics.DEFAULT_POOL : request.pool();
    return new PlanSnapshot(
        id,
        version,
        request.name().strip(),
        request.description(),
        request.tags() == null ? List.of() : List.copyOf(new LinkedHashSet<>(request.tags())),
        endpoint(request.source(), storages, pool, current == null ? null : current.source()),
        endpoint(
            request.destination(), storages, pool, current == null ? null : current.destination()),
        SyncMode.valueOf(request.mode()),
        request.schedule() == null ? null : ScheduleParser.toSpec(request.schedule()),
        revisions(request.revisions()),
        filters(request.filters()),
        performance(request.performance()),
        retries(request.retries()),
        notifications.build(
            id,
            request.notifications(),
            current == null ? NotificationSpec.NONE : current.notifications()),
        encryption(id, pool, request.encryption(), current == null ? null : current.encryption()),
        request.pool(),
        request.priority() == null ? Priority.NORMAL : Priority.valueOf(request.priority()),
        deletionGuard(request.deletionGuard()),
        Boolean.TRUE.equals(request.paused()),
        now,
        trigger(request.trigger()),
        // a plan that paused itself and stays paused keeps saying why
        current != null && current.paused() ? current.pausedReason() : null,
        hooks.build(id, pool, request.hooks(), current == null ? List.of() : current.hooks()),
        request.verify() == null ? null : request.verify().policy());
  }

  /** The chain as the request names it; the names were resolved to ids before. */
  private static TriggerSpec trigger(TriggerRequest request) {
    if (request == null || request.after() == null) {
      return TriggerSpec.NONE;
    }
    return new TriggerSpec(
        request.after().stream()
            .map(
                after ->
                    new AfterPlan(
                        after.plan(),
                        after.on() == null
                            ? null
                            : after.on().stream()
                                .map(RunOutcome::valueOf)
                                .collect(Collectors.toUnmodifiableSet())))
            .toList());
  }

  /**
   * The endpoint, its storage's secrets sealed as the pool's executors open them ({@link
   * Secrets#forPool}), those of the current snapshot kept where they are the same.
   */
  private Endpoint endpoint(
      EndpointRequest request, Map<String, StorageSpec> storages, String pool, Endpoint current) {
    if (request.storage() == null) {
      return Endpoint.local(request.path().strip());
    }
    StorageSpec storage =
        secrets.forPool(
            pool,
            storages.get(request.storage()),
            current == null || current.isLocal() ? null : current.storage());
    return new Endpoint(request.path() == null ? "" : request.path().strip(), storage);
  }

  private static RevisionPolicy revisions(RevisionsRequest request) {
    if (request == null) {
      return RevisionPolicy.DEFAULT;
    }
    return new RevisionPolicy(request.keepDays(), request.keepCount());
  }

  private static FilterSpec filters(FiltersRequest request) {
    if (request == null) {
      return FilterSpec.NONE;
    }
    return new FilterSpec(
        request.includePaths(),
        request.excludePatterns(),
        request.presets() == null
            ? List.of()
            : request.presets().stream().distinct().map(FilterPreset::valueOf).toList());
  }

  private static PerformanceSpec performance(PerformanceRequest request) {
    PerformanceSpec defaults = PerformanceSpec.DEFAULT;
    if (request == null) {
      return defaults;
    }
    return new PerformanceSpec(
        requireNonNullElse(request.transfers(), defaults.transfers()),
        requireNonNullElse(request.bufferSize(), defaults.bufferSize()),
        requireNonNullElse(request.multiThreadStreams(), defaults.multiThreadStreams()),
        request.compare() == null ? defaults.compare() : CompareStrategy.valueOf(request.compare()),
        DurationTextValidator.parse(request.maxDuration()),
        request.maxTransfer(),
        request.bandwidth() == null ? null : request.bandwidth().strip());
  }

  private static RetryPolicy retries(RetriesRequest request) {
    RetryPolicy defaults = RetryPolicy.DEFAULT;
    if (request == null) {
      return defaults;
    }
    return new RetryPolicy(
        requireNonNullElse(request.attempts(), defaults.attempts()),
        request.delay() == null ? defaults.delay() : DurationTextValidator.parse(request.delay()),
        requireNonNullElse(request.backoffMultiplier(), defaults.backoffMultiplier()));
  }

  private static DeletionGuard deletionGuard(DeletionGuardRequest request) {
    DeletionGuard defaults = DeletionGuard.DEFAULT;
    if (request == null) {
      return defaults;
    }
    return new DeletionGuard(
        requireNonNullElse(request.enabled(), defaults.enabled()),
        requireNonNullElse(request.maxDeletePercent(), defaults.maxDeletePercent()),
        requireNonNullElse(request.minFiles(), defaults.minFiles()),
        requireNonNullElse(request.checkAccess(), defaults.checkAccess()));
  }

  static Set<Outcome> outcomes(List<String> on) {
    return on == null
        ? Set.of()
        : on.stream().map(Outcome::valueOf).collect(Collectors.toUnmodifiableSet());
  }

  /** Sealed with the pool's own key when it has one: only its executors open it. */
  private EncryptionSpec encryption(
      String planId, String pool, EncryptionRequest request, EncryptionSpec current) {
    if (request == null) {
      return null;
    }
    if (request.password() == null && current == null) {
      throw new InvalidRequestException(
          "encryption.password", "is required to encrypt the destination");
    }
    return new EncryptionSpec(
        secrets.updateForPool(
            pool,
            request.password(),
            current == null ? null : current.password(),
            SecretContext.encryptionPassword(planId)),
        secrets.updateForPool(
            pool,
            request.salt(),
            current == null ? null : current.salt(),
            SecretContext.encryptionSalt(planId)));
  }
}
