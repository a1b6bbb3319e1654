package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.run.RunHeld;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What an executor answers about a run whose command it already had ({@link RunHeld}), most often
 * because {@link RunReconciler} asked. A run an executor waits with or runs is fine: it is not
 * asked after again for a while, and its count of unanswered questions starts again. A run the
 * executors finished gets the outcome the history had missed; one they finished without keeping its
 * outcome is ended {@code EXECUTOR_LOST}, since nobody can say any more how it went.
 */
@Component
public class ExecutorAnswers {

  private static final Logger log = LoggerFactory.getLogger(ExecutorAnswers.class);

  private final ReactiveMongoTemplate mongo;
  private final RunHistory history;
  private final LostRuns lost;
  private final MessagePublisher publisher;
  private final ReconcileMetrics metrics;
  private final Clock clock;

  ExecutorAnswers(
      ReactiveMongoTemplate mongo,
      RunHistory history,
      LostRuns lost,
      MessagePublisher publisher,
      ReconcileMetrics metrics,
      Clock clock) {
    this.mongo = mongo;
    this.history = history;
    this.lost = lost;
    this.publisher = publisher;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Mono<Void> held(RunHeld held) {
    if (held.state() != RunHeld.State.FINISHED) {
      return mongo
          .updateFirst(
              query(where("_id").is(held.runId()).and("status").in(RunService.ACTIVE)),
              new Update().set("checkedAt", clock.instant()).set("resends", 0),
              RunDocument.class)
          .then();
    }
    return mongo
        .findById(held.runId(), RunDocument.class)
        .filter(run -> !run.status().isFinal())
        .flatMap(
            run -> {
              if (held.outcome() == null) {
                return lost.end(
                    run, "an executor finished it, but its outcome was not kept and never arrived");
              }
              log.warn(
                  "Run {} of plan {}: its outcome ({}) had not reached the history; restored from"
                      + " the executors' ledger",
                  run.runId(),
                  run.planId(),
                  held.outcome().status());
              metrics.restored();
              return history.apply(publisher.envelope(held.outcome()));
            });
  }
}
