package io.syncplan.executor.ledger;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.run.RunFinished;
import io.syncplan.executor.config.ExecutorProperties;
import java.time.Clock;
import java.time.Instant;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What an executor does with the runs it holds, in the shared ledger: renew their leases, count
 * their attempts, and end them (finished, or handed back). Every operation applies only while the
 * run and its plan's lease are still this executor's, so an executor presumed dead can no longer
 * touch a run another executor took over.
 */
@Component
public class HeldRuns {

  private static final FindAndModifyOptions RETURN_NEW =
      FindAndModifyOptions.options().returnNew(true);

  private final ReactiveMongoTemplate mongo;
  private final ExecutorProperties properties;
  private final Clock clock;

  HeldRuns(ReactiveMongoTemplate mongo, ExecutorProperties properties, Clock clock) {
    this.mongo = mongo;
    this.properties = properties;
    this.clock = clock;
  }

  private Mono<Void> releasePlan(LedgerEntry entry) {
    return mongo.remove(query(planLeaseOf(entry)), PlanLease.class).then();
  }

  /** This executor's lease on the entry's plan, for the entry's run. */
  private Criteria planLeaseOf(LedgerEntry entry) {
    return where("_id")
        .is(entry.planId())
        .and("runId")
        .is(entry.runId())
        .and("owner")
        .is(properties.id());
  }

  private Criteria mine(LedgerEntry entry) {
    return where("_id")
        .is(entry.runId())
        .and("owner")
        .is(properties.id())
        .and("status")
        .is(LedgerStatus.RUNNING);
  }

  /**
   * Renews this executor's lease on a run and its plan. Completes with the entry as it now is (its
   * cancel flag included), or empty if the run or its plan is no longer this executor's.
   */
  public Mono<LedgerEntry> heartbeat(LedgerEntry entry) {
    Instant until = clock.instant().plus(properties.leaseDuration());
    return mongo
        .findAndModify(
            query(mine(entry)),
            new Update().set("leaseUntil", until),
            RETURN_NEW,
            LedgerEntry.class)
        .flatMap(
            renewed ->
                mongo
                    .updateFirst(
                        query(planLeaseOf(entry)),
                        new Update().set("until", until),
                        PlanLease.class)
                    .filter(result -> result.getMatchedCount() > 0)
                    .map(planStillHeld -> renewed));
  }

  /**
   * Counts one more attempt of a run this executor holds; the entry as it now is, or empty if the
   * run is no longer this executor's.
   */
  public Mono<LedgerEntry> nextAttempt(LedgerEntry entry) {
    return mongo.findAndModify(
        query(mine(entry)), new Update().inc("attempt", 1), RETURN_NEW, LedgerEntry.class);
  }

  /** Notes when the run's first attempt started, once: the start its outcome reports. */
  public Mono<LedgerEntry> recordStart(LedgerEntry entry, Instant startedAt) {
    return mongo
        .findAndModify(
            query(mine(entry).and("startedAt").is(null)),
            new Update().set("startedAt", startedAt),
            RETURN_NEW,
            LedgerEntry.class)
        .switchIfEmpty(find(entry.runId()));
  }

  /**
   * Marks the run finished (after its final event is published), keeping that event, and frees its
   * plan.
   */
  public Mono<Void> finish(LedgerEntry entry, RunFinished outcome) {
    return mongo
        .updateFirst(
            query(mine(entry)),
            new Update()
                .set("status", LedgerStatus.FINISHED)
                .set("outcome", outcome)
                .unset("leaseUntil"),
            LedgerEntry.class)
        .then(releasePlan(entry));
  }

  /**
   * Gives up a run without an outcome (this executor is shutting down): its lease lapses at once,
   * so another executor of the pool takes it over as its next attempt, honouring a cancel request.
   */
  public Mono<Void> handBack(LedgerEntry entry) {
    return mongo
        .updateFirst(
            query(mine(entry)),
            new Update().set("leaseUntil", clock.instant().minusMillis(1)),
            LedgerEntry.class)
        .then(releasePlan(entry));
  }

  /** The runs this executor holds that were asked to stop. */
  public Flux<String> cancelRequestedHere() {
    return mongo
        .find(
            query(
                where("owner")
                    .is(properties.id())
                    .and("status")
                    .is(LedgerStatus.RUNNING)
                    .and("cancelRequested")
                    .is(true)),
            LedgerEntry.class)
        .map(LedgerEntry::runId);
  }

  private Mono<LedgerEntry> find(String runId) {
    return mongo.findById(runId, LedgerEntry.class);
  }
}
