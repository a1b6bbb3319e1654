package io.syncplan.executor.ledger;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.run.RunRequested;
import io.syncplan.executor.config.ExecutorProperties;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The executors' shared record of runs, in MongoDB, relying only on single-document atomic
 * operations. A run is recorded once (unique run id), claimed by one executor at a time (atomic
 * status change), and its plan is held by one run at a time (a plan lease). A claim whose lease
 * lapsed (its executor died) can be taken over.
 */
@Component
public class RunLedger {

  private static final int CANDIDATES_PER_CLAIM = 20;

  private final ReactiveMongoTemplate mongo;
  private final ExecutorProperties properties;
  private final Clock clock;

  RunLedger(ReactiveMongoTemplate mongo, ExecutorProperties properties, Clock clock) {
    this.mongo = mongo;
    this.properties = properties;
    this.clock = clock;
  }

  /** Records a run command; false when the run id is already known (a duplicate command). */
  public Mono<Boolean> record(RunRequested command) {
    LedgerEntry entry =
        new LedgerEntry(
            command.runId(),
            command.planId(),
            command.plan().pool(),
            command.priority().ordinal(),
            LedgerStatus.QUEUED,
            command,
            null,
            null,
            0,
            clock.instant(),
            false);
    return mongo
        .insert(entry)
        .thenReturn(true)
        .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.just(false));
  }

  /**
   * Claims the waiting run of this executor's pool that should start first (highest priority, then
   * oldest) whose plan is not busy, or a run whose executor's lease lapsed. Empty when there is
   * none.
   */
  public Mono<LedgerEntry> claimNext() {
    Instant now = clock.instant();
    Criteria claimable =
        where("pool")
            .is(properties.pool())
            .orOperator(
                where("status").is(LedgerStatus.QUEUED),
                where("status").is(LedgerStatus.RUNNING).and("leaseUntil").lt(now));
    return mongo
        .find(
            query(claimable)
                .with(Sort.by(Sort.Order.desc("priority"), Sort.Order.asc("queuedAt")))
                .limit(CANDIDATES_PER_CLAIM),
            LedgerEntry.class)
        .concatMap(candidate -> claim(candidate, now), 1)
        .next();
  }

  private Mono<LedgerEntry> claim(LedgerEntry candidate, Instant now) {
    Instant until = now.plus(properties.leaseDuration());
    return holdPlan(candidate, now, until)
        .filter(Boolean::booleanValue)
        .flatMap(
            held ->
                mongo
                    .findAndModify(
                        query(
                            where("_id")
                                .is(candidate.runId())
                                .and("status")
                                .is(candidate.status())
                                .and("attempt")
                                .is(candidate.attempt())),
                        new Update()
                            .set("status", LedgerStatus.RUNNING)
                            .set("owner", properties.id())
                            .set("leaseUntil", until)
                            .inc("attempt", 1),
                        FindAndModifyOptions.options().returnNew(true),
                        LedgerEntry.class)
                    .switchIfEmpty(releasePlan(candidate).then(Mono.empty())));
  }

  /** Takes the plan's lease for this run, unless another run of the plan holds a live one. */
  private Mono<Boolean> holdPlan(LedgerEntry candidate, Instant now, Instant until) {
    return mongo
        .upsert(
            query(
                where("_id")
                    .is(candidate.planId())
                    .orOperator(where("until").lt(now), where("runId").is(candidate.runId()))),
            new Update()
                .set("runId", candidate.runId())
                .set("owner", properties.id())
                .set("until", until),
            PlanLease.class)
        .thenReturn(true)
        .onErrorResume(DuplicateKeyException.class, busy -> Mono.just(false));
  }

  private Mono<Void> releasePlan(LedgerEntry entry) {
    return mongo
        .remove(
            query(where("_id").is(entry.planId()).and("runId").is(entry.runId())), PlanLease.class)
        .then();
  }

  /**
   * Renews this executor's lease on a run and its plan. Completes with the entry as it now is (its
   * cancel flag included), or empty if the run is no longer this executor's.
   */
  public Mono<LedgerEntry> heartbeat(LedgerEntry entry) {
    Instant until = clock.instant().plus(properties.leaseDuration());
    return mongo
        .findAndModify(
            query(
                where("_id")
                    .is(entry.runId())
                    .and("owner")
                    .is(properties.id())
                    .and("status")
                    .is(LedgerStatus.RUNNING)),
            new Update().set("leaseUntil", until),
            FindAndModifyOptions.options().returnNew(true),
            LedgerEntry.class)
        .flatMap(
            renewed ->
                mongo
                    .updateFirst(
                        query(where("_id").is(entry.planId()).and("runId").is(entry.runId())),
                        new Update().set("until", until),
                        PlanLease.class)
                    .thenReturn(renewed));
  }

  /** Marks the run finished (after its final event is published) and frees its plan. */
  public Mono<Void> finish(LedgerEntry entry) {
    return mongo
        .updateFirst(
            query(where("_id").is(entry.runId()).and("owner").is(properties.id())),
            new Update().set("status", LedgerStatus.FINISHED).unset("leaseUntil"),
            LedgerEntry.class)
        .then(releasePlan(entry));
  }

  /** Asks whichever executor holds the run to stop it. */
  public Mono<Boolean> requestCancel(String runId) {
    return mongo
        .updateFirst(
            query(where("_id").is(runId).and("status").ne(LedgerStatus.FINISHED)),
            new Update().set("cancelRequested", true),
            LedgerEntry.class)
        .map(result -> result.getModifiedCount() > 0);
  }
}
