package io.syncplan.plan.plan;

import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.plan.PlanDocument.LastRun;

/**
 * How a plan is doing, in one word, for lists and counts. The first that holds wins: a paused plan
 * is PAUSED whatever its runs did; a BISYNC plan marked as needing a resync, or whose last run
 * stopped for want of one, is NEEDS_RESYNC; a plan whose runs failed since its last success is
 * FAILING; a plan that has not succeeded for twice its interval is OUT_OF_SYNC (as the {@code
 * syncplan_plan_out_of_sync} gauge); else HEALTHY.
 */
enum PlanHealth {
  HEALTHY,
  FAILING,
  OUT_OF_SYNC,
  PAUSED,
  NEEDS_RESYNC;

  /** The reason code of a bisync run that needs a resync before it can run again. */
  static final String BISYNC_NEEDS_RESYNC = "BISYNC_NEEDS_RESYNC";

  static PlanHealth of(
      boolean paused,
      LastRun lastRun,
      int consecutiveFailures,
      boolean outOfSync,
      boolean needsResync) {
    if (paused) {
      return PAUSED;
    }
    if (needsResync
        || lastRun != null
            && (lastRun.status() == RunStatus.FAILED || lastRun.status() == RunStatus.PARTIAL)
            && BISYNC_NEEDS_RESYNC.equals(lastRun.reason())) {
      return NEEDS_RESYNC;
    }
    if (consecutiveFailures > 0) {
      return FAILING;
    }
    return outOfSync ? OUT_OF_SYNC : HEALTHY;
  }
}
