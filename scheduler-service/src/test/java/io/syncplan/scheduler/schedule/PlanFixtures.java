package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.schedule.FireTimes;
import java.time.Instant;
import java.util.List;

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
        updatedAt);
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
