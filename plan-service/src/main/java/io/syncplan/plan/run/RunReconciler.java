package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.plan.outbox.PendingMessage;
import io.syncplan.plan.plan.PlanDocument;
import io.syncplan.plan.plan.PlanStore;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the history from showing a run QUEUED or RUNNING that nobody runs. A run shown unfinished
 * of which nothing was heard for {@code stale-after} (no run event, no executor's answer) is asked
 * after: its command goes to its pool again, with the same run id, through the plan's outbox. The
 * executors' ledger makes that harmless: an executor of the pool that holds the run answers where
 * it stands ({@code run.held}, see {@link ExecutorAnswers}), and one whose pool lost the command
 * (its record never reached the ledger) runs it now. After {@code resends} unanswered questions the
 * run is ended FAILED, {@code EXECUTOR_LOST} ({@link LostRuns}).
 *
 * <p>A run whose command (or an earlier question) still waits in the plan's outbox for Kafka is
 * left alone until it went out: a Kafka outage is nobody's fault and loses nothing.
 *
 * <p>Any number of plan-service instances may run this side by side: each step on a run is taken by
 * one conditional update, which only one instance wins.
 */
@Component
class RunReconciler implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(RunReconciler.class);
  private static final int BATCH = 100;
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private final ReactiveMongoTemplate mongo;
  private final PlanStore plans;
  private final LostRuns lost;
  private final MessagePublisher publisher;
  private final ReconcileMetrics metrics;
  private final RunHistoryProperties.Reconcile settings;
  private final Clock clock;

  RunReconciler(
      ReactiveMongoTemplate mongo,
      PlanStore plans,
      LostRuns lost,
      MessagePublisher publisher,
      ReconcileMetrics metrics,
      RunHistoryProperties properties,
      Clock clock) {
    this.mongo = mongo;
    this.plans = plans;
    this.lost = lost;
    this.publisher = publisher;
    this.metrics = metrics;
    this.settings = properties.reconcile();
    this.clock = clock;
  }

  /** A pass every {@code reconcile.interval}, the first one interval after the start. */
  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    Duration interval = settings.interval();
    tasks.addFixedDelayTask(new FixedDelayTask(this::reconcile, interval, interval));
  }

  void reconcile() {
    try {
      reconcileOnce().block(TIMEOUT);
    } catch (RuntimeException e) {
      log.warn("Could not look for runs nothing is heard of: {}", e.toString());
    }
  }

  /** One pass: the runs looked at. */
  Mono<Long> reconcileOnce() {
    Instant cutoff = clock.instant().minus(settings.staleAfter());
    return mongo
        .find(query(stale(cutoff)).with(Sort.by("updatedAt")).limit(BATCH), RunDocument.class)
        .concatMap(
            run ->
                waitsForKafka(run)
                    .filter(waiting -> !waiting)
                    .flatMap(notWaiting -> claim(run.runId(), cutoff))
                    .flatMap(this::act)
                    .thenReturn(run))
        .count();
  }

  /**
   * True while a message about the run still waits in its plan's outbox (Kafka is away): nobody
   * could have answered yet, so the run is not asked after, nor counted as lost, meanwhile.
   */
  private Mono<Boolean> waitsForKafka(RunDocument run) {
    return plans
        .find(run.planId())
        .map(
            plan ->
                plan.outbox().stream()
                    .anyMatch(
                        message ->
                            message.envelopeJson() != null
                                && message.envelopeJson().contains(run.runId())))
        .defaultIfEmpty(false);
  }

  private static Criteria stale(Instant cutoff) {
    return where("status")
        .in(RunService.ACTIVE)
        .and("updatedAt")
        .lt(cutoff)
        .andOperator(
            new Criteria().orOperator(where("checkedAt").is(null), where("checkedAt").lt(cutoff)),
            new Criteria().orOperator(where("resentAt").is(null), where("resentAt").lt(cutoff)));
  }

  /** Takes the next step on the run, unless another instance took it or the run moved on. */
  private Mono<RunDocument> claim(String runId, Instant cutoff) {
    return mongo.findAndModify(
        query(new Criteria().andOperator(where("_id").is(runId), stale(cutoff))),
        new Update().set("resentAt", clock.instant()).inc("resends", 1),
        FindAndModifyOptions.options().returnNew(true),
        RunDocument.class);
  }

  private Mono<Void> act(RunDocument run) {
    if (run.resends() > settings.resends()) {
      return lost.end(
          run,
          "no executor of its pool answered for "
              + settings.staleAfter().multipliedBy(run.resends())
              + " (its command was sent again "
              + (run.resends() - 1)
              + " time(s)); the executor that had it was lost, or the pool has no executor");
    }
    return plans
        .find(run.planId())
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            plan ->
                plan.isPresent()
                    ? resend(run, plan.get())
                    : lost.end(run, "its plan was deleted while it was unfinished"));
  }

  private Mono<Void> resend(RunDocument run, PlanDocument plan) {
    RunRequested command =
        new RunRequested(
            run.runId(),
            run.trigger(),
            run.scheduledAt() != null ? run.scheduledAt() : run.requestedAt(),
            run.priority(),
            run.dryRun(),
            plan.plan());
    log.warn(
        "Run {} of plan {} is {} but nothing was heard of it for {}: its command is sent again"
            + " ({} of {})",
        run.runId(),
        run.planId(),
        run.status(),
        settings.staleAfter(),
        run.resends(),
        settings.resends());
    metrics.resent();
    return plans
        .enqueue(
            run.planId(),
            List.of(
                PendingMessage.of(
                    Topics.commands(plan.plan().pool()), publisher.envelope(command))))
        .then();
  }
}
