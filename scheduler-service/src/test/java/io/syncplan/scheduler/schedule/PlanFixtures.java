package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.plan.AfterPlan;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.contracts.schedule.FireTimes;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Plans and schedules for tests. */
public final class PlanFixtures {

  private PlanFixtures() {}

  public static ScheduleSpec everyMinutes(int minutes, OverlapPolicy overlap) {
    return new ScheduleSpec(
        ScheduleType.INTERVAL, minutes, null, null, null, null, false, null, null, overlap);
  }

  public static PlanSnapshot plan(
      String id, long version, ScheduleSpec schedule, boolean paused, Instant updatedAt) {
    return plan(id, version, schedule, paused, updatedAt, null, Priority.NORMAL);
  }

  public static PlanSnapshot plan(
      String id,
      long version,
      ScheduleSpec schedule,
      boolean paused,
      Instant updatedAt,
      String pool,
      Priority priority) {
    return new PlanSnapshot(
        id,
        version,
        "plan " + id,
        null,
        List.of(),
        Endpoint.local("/data/" + id),
        Endpoint.local("/backup/" + id),
        SyncMode.MIRROR,
        schedule,
        null,
        null,
        null,
        null,
        null,
        null,
        pool,
        priority,
        null,
        paused,
        updatedAt,
        null,
        null,
        null,
        null);
  }

  /** A plan that the runs of others start, as {@code trigger} says. */
  public static PlanSnapshot chained(
      String id,
      long version,
      ScheduleSpec schedule,
      boolean paused,
      Instant updatedAt,
      String pool,
      TriggerSpec trigger) {
    PlanSnapshot plan = plan(id, version, schedule, paused, updatedAt, pool, Priority.NORMAL);
    return new PlanSnapshot(
        plan.id(),
        plan.version(),
        plan.name(),
        plan.description(),
        plan.tags(),
        plan.source(),
        plan.destination(),
        plan.mode(),
        plan.schedule(),
        plan.revisions(),
        plan.filters(),
        plan.performance(),
        plan.retries(),
        plan.notifications(),
        plan.encryption(),
        plan.pool(),
        plan.priority(),
        plan.deletionGuard(),
        plan.paused(),
        plan.updatedAt(),
        trigger,
        null,
        null,
        null);
  }

  /** Start after each of these plans' runs that end as {@code on} says. */
  public static TriggerSpec after(Set<RunOutcome> on, String... planIds) {
    return new TriggerSpec(
        java.util.Arrays.stream(planIds).map(planId -> new AfterPlan(planId, on)).toList());
  }

  /** A plan's schedule as the book would hold it after its creation event. */
  public static PlanSchedule schedule(PlanSnapshot plan) {
    return PlanSchedule.changed(
        null,
        plan,
        plan.schedule() == null ? null : FireTimes.compile(plan.schedule()),
        plan.updatedAt(),
        FireProgress.NONE);
  }
}
