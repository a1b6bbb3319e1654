package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.ScheduleType;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.plan.plan.PlanDocument.InitState;
import io.syncplan.plan.plan.PlanDocument.LastRun;
import io.syncplan.plan.plan.PlanDocument.NeedsResync;
import io.syncplan.plan.plan.PlanResponse.EndpointView;
import java.time.Instant;
import java.util.List;

/**
 * A plan as the plan list shows it; {@code GET /api/v1/plans/{id}} has everything.
 *
 * @param state how the plan is doing (see {@link PlanHealth})
 * @param outOfSync whether it has not succeeded for twice its interval (re-assessed every 30 s)
 * @param consecutiveFailures failed or partial runs since its last success
 * @param needsResync for a BISYNC plan whose runs are refused until an operator resyncs it, why and
 *     since when; null otherwise
 */
public record PlanSummary(
    String id,
    long version,
    String name,
    List<String> tags,
    SyncMode mode,
    EndpointView source,
    EndpointView destination,
    ScheduleType schedule,
    String pool,
    Priority priority,
    boolean paused,
    InitState initialization,
    LastRun lastRun,
    Instant nextRunAt,
    Instant updatedAt,
    PlanHealth state,
    boolean outOfSync,
    int consecutiveFailures,
    NeedsResync needsResync) {

  static PlanSummary of(PlanDocument document, boolean outOfSync) {
    PlanSnapshot plan = document.plan();
    return new PlanSummary(
        plan.id(),
        plan.version(),
        plan.name(),
        plan.tags(),
        plan.mode(),
        EndpointView.of(plan.source()),
        EndpointView.of(plan.destination()),
        plan.schedule() == null ? null : plan.schedule().type(),
        plan.pool(),
        plan.priority(),
        plan.paused(),
        document.init() == null ? null : document.init().state(),
        document.lastRun(),
        document.schedule() == null || plan.paused() ? null : document.schedule().nextRunAt(),
        plan.updatedAt(),
        PlanHealth.of(
            plan.paused(),
            document.lastRun(),
            document.consecutiveFailures(),
            outOfSync,
            document.needsResync() != null),
        outOfSync,
        document.consecutiveFailures(),
        document.needsResync());
  }

  /** The same plan, its out-of-sync state assessed anew. */
  PlanSummary withOutOfSync(boolean now) {
    return new PlanSummary(
        id,
        version,
        name,
        tags,
        mode,
        source,
        destination,
        schedule,
        pool,
        priority,
        paused,
        initialization,
        lastRun,
        nextRunAt,
        updatedAt,
        PlanHealth.of(paused, lastRun, consecutiveFailures, now, needsResync != null),
        now,
        consecutiveFailures,
        needsResync);
  }
}
