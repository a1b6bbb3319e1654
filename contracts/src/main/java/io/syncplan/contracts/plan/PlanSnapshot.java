package io.syncplan.contracts.plan;

import io.syncplan.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a sync plan is, as published in plan events and carried in run commands. Secrets in it
 * are sealed. Absent settings take their defaults here, in one place.
 *
 * @param version increases with every accepted change; consumers ignore older versions
 * @param schedule null for a plan that only runs on demand
 * @param encryption null for a destination written in clear
 * @param trigger what starts the plan besides its schedule and the API (chains)
 * @param pausedReason why the plan paused itself, while it is paused for that reason; null when it
 *     is not paused or was paused on request
 * @param hooks commands the operator defined, run before or after each run
 * @param verify whether and how the plan verifies its destination by itself
 */
public record PlanSnapshot(
    String id,
    long version,
    String name,
    String description,
    List<String> tags,
    Endpoint source,
    Endpoint destination,
    SyncMode mode,
    ScheduleSpec schedule,
    RevisionPolicy revisions,
    FilterSpec filters,
    PerformanceSpec performance,
    RetryPolicy retries,
    NotificationSpec notifications,
    EncryptionSpec encryption,
    String pool,
    Priority priority,
    DeletionGuard deletionGuard,
    boolean paused,
    Instant updatedAt,
    TriggerSpec trigger,
    String pausedReason,
    List<HookSpec> hooks,
    VerifyPolicy verify) {

  public PlanSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(mode, "mode");
    tags = tags == null ? List.of() : List.copyOf(tags);
    revisions = revisions == null ? RevisionPolicy.DEFAULT : revisions;
    filters = filters == null ? FilterSpec.NONE : filters;
    performance = performance == null ? PerformanceSpec.DEFAULT : performance;
    retries = retries == null ? RetryPolicy.DEFAULT : retries;
    notifications = notifications == null ? NotificationSpec.NONE : notifications;
    pool = pool == null ? Topics.DEFAULT_POOL : Topics.requireValidPool(pool);
    priority = priority == null ? Priority.NORMAL : priority;
    deletionGuard = deletionGuard == null ? DeletionGuard.DEFAULT : deletionGuard;
    trigger = trigger == null ? TriggerSpec.NONE : trigger;
    pausedReason = paused ? pausedReason : null;
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
    verify = verify == null ? VerifyPolicy.DEFAULT : verify;
  }

  /** The same plan as another version, changed at {@code updatedAt}. */
  public PlanSnapshot withVersion(long version, Instant updatedAt) {
    return withPaused(paused, version, updatedAt);
  }

  /**
   * The same plan, paused or not, as another version changed at {@code updatedAt}. A plan that
   * stays paused keeps the reason it paused for; one paused or resumed on request has none.
   */
  public PlanSnapshot withPaused(boolean paused, long version, Instant updatedAt) {
    return withPaused(paused, this.paused ? pausedReason : null, version, updatedAt);
  }

  /** The same plan, paused by itself for {@code reason}, as another version. */
  public PlanSnapshot pausedBecause(String reason, long version, Instant updatedAt) {
    return withPaused(true, reason, version, updatedAt);
  }

  private PlanSnapshot withPaused(
      boolean paused, String pausedReason, long version, Instant updatedAt) {
    return new PlanSnapshot(
        id,
        version,
        name,
        description,
        tags,
        source,
        destination,
        mode,
        schedule,
        revisions,
        filters,
        performance,
        retries,
        notifications,
        encryption,
        pool,
        priority,
        deletionGuard,
        paused,
        updatedAt,
        trigger,
        pausedReason,
        hooks,
        verify);
  }
}
