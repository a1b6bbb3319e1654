package io.syncplan.scheduler.fire;

import io.syncplan.scheduler.schedule.FireProgress;
import io.syncplan.scheduler.schedule.PlanSchedule;
import java.time.Instant;

/**
 * What to do about one due plan.
 *
 * @param plan the plan as decided on
 * @param fireAt the scheduled time of the run to send; null to send none
 * @param kind why the run is sent (when one is)
 * @param progress the plan's progress once this is done (for a fire: once its command is sent)
 * @param nextFireAt the plan's next fire time with that progress
 * @param replacesStaleRuns the plan's active runs went quiet for too long and no longer count
 * @param missed fire times older than the catch-up window, skipped
 * @param coalesced fire times made up by the one run sent, beside its own
 * @param skippedForOverlap a run was due but the previous one is active
 * @param queuedForOverlap a run was due and now waits for the active one to end
 */
record FireDecision(
    PlanSchedule plan,
    Instant fireAt,
    FireKind kind,
    FireProgress progress,
    Instant nextFireAt,
    boolean replacesStaleRuns,
    int missed,
    int coalesced,
    boolean skippedForOverlap,
    boolean queuedForOverlap) {

  boolean fires() {
    return fireAt != null;
  }

  String planId() {
    return plan.planId();
  }
}
