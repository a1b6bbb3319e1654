package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.schedule.FireSchedule;
import java.time.Instant;

/** How one plan event changes a plan's schedule; older events than the schedule's are old news. */
record PlanChanges(PlanSnapshot plan, boolean deleted, FireSchedule times) {

  /** The plan's record on the compacted topic was removed. */
  static PlanChanges tombstone() {
    return new PlanChanges(null, true, null);
  }

  static PlanChanges of(PlanChanged event, FireSchedule times) {
    return new PlanChanges(event.plan(), event.change() == PlanChange.DELETED, times);
  }

  /**
   * The schedule after this change, or {@code current} when the change is old news.
   *
   * @param known how far a plan new to the book had already got
   */
  PlanSchedule applyTo(PlanSchedule current, Instant now, FireProgress known) {
    if (plan == null) {
      return current == null || current.deleted()
          ? current
          : current.deleted(current.planVersion());
    }
    if (current != null && plan.version() <= current.planVersion()) {
      return current;
    }
    if (deleted) {
      return current == null ? null : current.deleted(plan.version());
    }
    return PlanSchedule.changed(current, plan, times, now, known);
  }
}
