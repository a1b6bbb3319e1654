package io.syncplan.plan.plan;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.PlanInitialized;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.schedule.ScheduleUpdated;
import io.syncplan.plan.plan.PlanDocument.InitState;
import io.syncplan.plan.plan.PlanDocument.Initialization;
import io.syncplan.plan.plan.PlanDocument.LastRun;
import io.syncplan.plan.plan.PlanDocument.LastVerification;
import io.syncplan.plan.plan.PlanDocument.NeedsResync;
import io.syncplan.plan.plan.PlanDocument.ScheduleState;
import java.time.Clock;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Records what the rest of the system reports about plans: initialisation results, the last run,
 * the next fire time. Each report is applied only over an older one, so a redelivered or late
 * report never undoes a newer one.
 */
@Component
public class PlanReports {

  private final PlanStore store;
  private final FailurePause failurePause;
  private final Clock clock;

  PlanReports(PlanStore store, FailurePause failurePause, Clock clock) {
    this.store = store;
    this.failurePause = failurePause;
    this.clock = clock;
  }

  /** An executor initialised the plan, or could not; ignored if made for an older version. */
  public Mono<Void> initialized(PlanInitialized result) {
    Initialization init =
        new Initialization(
            result.ready() ? InitState.READY : InitState.INIT_FAILED,
            result.ready() ? null : result.reason(),
            result.planVersion(),
            clock.instant());
    return report(
        result.planId(),
        where("init.planVersion").lte(result.planVersion()),
        new Update().set("init", init));
  }

  /**
   * A verification compared both sides: the plan's last one, unless a later one was recorded
   * already. One that failed or was cancelled did not finish comparing, so the plan does not count
   * as verified by it (its notification says so).
   */
  private Mono<Void> verified(RunFinished finished) {
    boolean compared =
        finished.status() == RunStatus.SUCCEEDED || finished.status() == RunStatus.PARTIAL;
    if (!compared || finished.finishedAt() == null) {
      return Mono.empty();
    }
    LastVerification verification =
        new LastVerification(
            finished.runId(),
            finished.status(),
            finished.finishedAt(),
            finished.stats().differences());
    Criteria older =
        new Criteria()
            .orOperator(
                where("lastVerification").is(null),
                where("lastVerification.finishedAt").lt(finished.finishedAt()));
    return report(finished.planId(), older, new Update().set("lastVerification", verification));
  }

  /**
   * A run of the plan finished (its own sync: restores and verifications are not its runs); a dry
   * run changes nothing and is not the plan's last run. A success also becomes the last success and
   * ends a streak of failures; a failed or partial run lengthens it; a cancelled one does neither.
   * A redelivered event finds itself already the last run and changes nothing, so a failure is
   * never counted twice. A plan that failed as often in a row as its schedule's {@code
   * pauseAfterFailures} then pauses itself ({@link FailurePause}).
   */
  public Mono<Void> runFinished(RunFinished finished) {
    if (finished.dryRun()) {
      return Mono.empty();
    }
    switch (finished.kind()) {
      case VERIFY -> {
        return verified(finished);
      }
      case RESTORE -> {
        // a restore says nothing about whether the plan keeps its destination in sync
        return Mono.empty();
      }
      case SYNC -> {}
    }
    LastRun lastRun =
        new LastRun(
            finished.runId(),
            finished.status(),
            false,
            finished.startedAt(),
            finished.finishedAt(),
            finished.error() == null ? null : finished.error().reason(),
            finished.error() == null ? null : finished.error().message());
    // over an older last run only, and never this run again (a redelivery)
    Criteria older =
        where("lastRun.runId")
            .ne(finished.runId())
            .orOperator(
                where("lastRun").is(null), where("lastRun.finishedAt").lte(finished.finishedAt()));
    Update update = new Update().set("lastRun", lastRun);
    switch (finished.status()) {
      case SUCCEEDED ->
          update.set("lastSuccessAt", finished.finishedAt()).set("consecutiveFailures", 0);
      case FAILED, PARTIAL -> update.inc("consecutiveFailures", 1);
      default -> {}
    }
    Mono<Void> recorded =
        report(finished.planId(), older, update)
            .then(Mono.defer(() -> failurePause.afterRun(finished)));
    return finished.status() == RunStatus.SUCCEEDED ? recorded.then(resynced(finished)) : recorded;
  }

  /**
   * The executor found that a BISYNC plan needs a resync. A redelivered announcement that is older
   * than the plan's last success (the resync that ended it) changes nothing.
   */
  public Mono<Void> resyncNeeded(ResyncNeeded needed) {
    Criteria notResyncedSince =
        where("needsResync")
            .is(null)
            .orOperator(where("lastSuccessAt").is(null), where("lastSuccessAt").lt(needed.since()));
    return report(
        needed.planId(),
        notResyncedSince,
        new Update()
            .set(
                "needsResync",
                new NeedsResync(needed.cause(), needed.message(), needed.since(), needed.runId())));
  }

  /**
   * A plan's run succeeded after it was found to need a resync: while it needs one, the executors
   * refuse every run but its resync, so that was it.
   */
  private Mono<Void> resynced(RunFinished finished) {
    return store
        .report(
            query(
                where("_id")
                    .is(finished.planId())
                    .and("needsResync.since")
                    .lt(finished.finishedAt())),
            new Update().unset("needsResync"))
        .then();
  }

  /** The scheduler says when the plan fires next. */
  public Mono<Void> scheduled(ScheduleUpdated update) {
    Criteria older =
        new Criteria()
            .orOperator(
                where("schedule").is(null),
                where("schedule.planVersion").lte(update.planVersion()));
    return report(
        update.planId(),
        older,
        new Update()
            .set(
                "schedule",
                new ScheduleState(
                    update.planVersion(), update.nextFireAt(), update.lastFiredAt())));
  }

  /**
   * Applies a report to the live plan where {@code applies} holds (a newer report is not undone).
   */
  private Mono<Void> report(String planId, Criteria applies, Update update) {
    return store
        .report(
            query(where("_id").is(planId).and("deleted").is(false).andOperator(applies)), update)
        .then();
  }
}
