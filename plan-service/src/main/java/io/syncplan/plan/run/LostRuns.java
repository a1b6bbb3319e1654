package io.syncplan.plan.run;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.run.CancelRequested;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.outbox.PendingMessage;
import io.syncplan.plan.plan.PlanStore;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ends a run that no executor holds: FAILED, reason {@code EXECUTOR_LOST}. The outcome goes out as
 * a run event like any other, through the plan's outbox, so the history, the scheduler and the
 * notifications all learn of it; with it goes a cancel to the plan's pool, so that an executor that
 * finds the run later (its pool comes back) drops it instead of running it unannounced.
 */
@Component
class LostRuns {

  static final String EXECUTOR_LOST = "EXECUTOR_LOST";

  private static final Logger log = LoggerFactory.getLogger(LostRuns.class);

  private final PlanStore plans;
  private final RunHistory history;
  private final MessagePublisher publisher;
  private final ReconcileMetrics metrics;
  private final Clock clock;

  LostRuns(
      PlanStore plans,
      RunHistory history,
      MessagePublisher publisher,
      ReconcileMetrics metrics,
      Clock clock) {
    this.plans = plans;
    this.history = history;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  Mono<Void> end(RunDocument run, String why) {
    Instant now = clock.instant();
    RunFinished failed =
        new RunFinished(
            run.runId(),
            run.planId(),
            RunStatus.FAILED,
            run.startedAt(),
            now,
            run.attempts(),
            run.dryRun(),
            run.stats(),
            run.changes(),
            new RunError(EXECUTOR_LOST, why, null, List.of()));
    log.warn(
        "Run {} of plan {} ended FAILED ({}): {}", run.runId(), run.planId(), EXECUTOR_LOST, why);
    metrics.ended();
    return plans
        .find(run.planId())
        .flatMap(
            plan ->
                plans.enqueue(
                    run.planId(),
                    List.of(
                        PendingMessage.of(
                            Topics.commands(plan.plan().pool()),
                            publisher.envelope(new CancelRequested(run.runId(), run.planId()))),
                        PendingMessage.of(Topics.RUN_EVENTS, publisher.envelope(failed)))))
        .map(queued -> true)
        // The plan is gone: nobody is notified of its runs any more; the history still ends it.
        .switchIfEmpty(Mono.defer(() -> history.apply(publisher.envelope(failed)).thenReturn(true)))
        .then();
  }
}
