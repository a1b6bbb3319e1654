package io.syncplan.executor.ledger;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.executor.config.ExecutorProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
  private static final FindAndModifyOptions RETURN_NEW =
      FindAndModifyOptions.options().returnNew(true);

  private final ReactiveMongoTemplate mongo;
  private final ExecutorProperties properties;
  private final Clock clock;

  RunLedger(ReactiveMongoTemplate mongo, ExecutorProperties properties, Clock clock) {
    this.mongo = mongo;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Records a run command, once: the run as the ledger holds it, newly ACCEPTED, or as it was when
   * the same command came before.
   */
  public Mono<LedgerEntry> record(RunRequested command) {
    return record(command, Map.of());
  }

  /**
   * Records a run command, once, with the trace headers of the record that brought it (so that
   * whichever executor runs it continues that trace).
   */
  public Mono<LedgerEntry> record(RunRequested command, Map<String, String> traceHeaders) {
    LedgerEntry entry =
        newEntry(command, traceHeaders, LedgerStatus.ACCEPTED, null, null, 0, clock.instant());
    return mongo
        .insert(entry)
        .onErrorResume(DuplicateKeyException.class, duplicate -> find(command.runId()));
  }

  /** A run as the ledger first holds it; its trace headers only when the command had some. */
  private static LedgerEntry newEntry(
      RunRequested command,
      Map<String, String> traceHeaders,
      LedgerStatus status,
      String owner,
      Instant leaseUntil,
      int attempt,
      Instant queuedAt) {
    return new LedgerEntry(
        command.runId(),
        command.planId(),
        command.plan().pool(),
        ClaimOrder.rank(command),
        status,
        command,
        owner,
        leaseUntil,
        attempt,
        queuedAt,
        false,
        null,
        traceHeaders == null || traceHeaders.isEmpty() ? null : Map.copyOf(traceHeaders),
        null);
  }

  /**
   * The runs of this executor's pool waiting for a free executor: queued ones (not cancelled), and
   * those whose executor died, waiting to be taken over.
   */
  public Mono<Long> countWaiting() {
    Instant now = clock.instant();
    return mongo.count(
        query(
            where("pool")
                .is(properties.pool())
                .orOperator(
                    where("status").is(LedgerStatus.QUEUED).and("cancelRequested").is(false),
                    where("status").is(LedgerStatus.RUNNING).and("leaseUntil").lt(now))),
        LedgerEntry.class);
  }

  /** Lets an accepted run be claimed, once its QUEUED event is out. */
  public Mono<Void> markQueued(String runId) {
    return mongo
        .updateFirst(
            query(where("_id").is(runId).and("status").is(LedgerStatus.ACCEPTED)),
            new Update().set("status", LedgerStatus.QUEUED),
            LedgerEntry.class)
        .then();
  }

  /**
   * Records a run command already claimed by this executor, for a free slot of its own: the plan's
   * lease first, then the run as RUNNING here in its first attempt. That is two synced writes on
   * the run's way to rclone where recording it, then claiming it takes three. Empty, holding
   * nothing, when the plan is busy or the ledger already holds the run: it is then recorded as
   * usual ({@link #record}). Its QUEUED event is still to be published before it starts; if that
   * fails, {@link #unclaim} takes the claim back.
   */
  public Mono<LedgerEntry> recordClaimed(RunRequested command, Map<String, String> traceHeaders) {
    return Mono.defer(() -> claimAndRecord(command, traceHeaders));
  }

  private Mono<LedgerEntry> claimAndRecord(RunRequested command, Map<String, String> traceHeaders) {
    Instant now = clock.instant();
    Instant until = now.plus(properties.leaseDuration());
    String claim = UUID.randomUUID().toString();
    LedgerEntry entry =
        newEntry(command, traceHeaders, LedgerStatus.RUNNING, properties.id(), until, 1, now);
    return holdPlan(command.planId(), command.runId(), claim, now, until)
        .filter(Boolean::booleanValue)
        .flatMap(
            held ->
                mongo
                    .insert(entry)
                    .onErrorResume(
                        DuplicateKeyException.class,
                        recorded -> releaseClaim(command.planId(), claim).then(Mono.empty())));
  }

  /**
   * Takes back a claim made by {@link #recordClaimed} whose run did not start: the run waits as if
   * it had only been recorded (ACCEPTED, claimable once marked queued), and its plan is free. A
   * cancel requested meanwhile is kept.
   */
  public Mono<Void> unclaim(LedgerEntry claimed) {
    return mongo
        .updateFirst(
            query(
                where("_id")
                    .is(claimed.runId())
                    .and("status")
                    .is(LedgerStatus.RUNNING)
                    .and("owner")
                    .is(properties.id())
                    .and("attempt")
                    .is(claimed.attempt())),
            new Update()
                .set("status", LedgerStatus.ACCEPTED)
                .unset("owner")
                .unset("leaseUntil")
                .set("attempt", claimed.attempt() - 1),
            LedgerEntry.class)
        .then(
            mongo.remove(
                query(
                    where("_id")
                        .is(claimed.planId())
                        .and("runId")
                        .is(claimed.runId())
                        .and("owner")
                        .is(properties.id())),
                PlanLease.class))
        .then();
  }

  public Mono<LedgerEntry> find(String runId) {
    return mongo.findById(runId, LedgerEntry.class);
  }

  /**
   * Claims the waiting run of this executor's pool that should start first (see {@link ClaimOrder})
   * whose plan is not busy, or a run whose executor's lease lapsed. Empty when there is none.
   */
  public Mono<LedgerEntry> claimNext() {
    Instant now = clock.instant();
    return busyPlans(now)
        .flatMap(
            busy ->
                mongo
                    .find(
                        query(claimable(now, busy))
                            .with(Sort.by(Sort.Order.desc("priority"), Sort.Order.asc("queuedAt")))
                            .limit(CANDIDATES_PER_CLAIM),
                        LedgerEntry.class)
                    .concatMap(candidate -> Mono.defer(() -> claim(candidate)), 1)
                    .next());
  }

  private Criteria claimable(Instant now, List<String> busyPlans) {
    Criteria criteria = where("pool").is(properties.pool());
    if (!busyPlans.isEmpty()) {
      criteria = criteria.and("planId").nin(busyPlans);
    }
    return criteria.orOperator(
        where("status").is(LedgerStatus.QUEUED).and("cancelRequested").is(false),
        where("status").is(LedgerStatus.RUNNING).and("leaseUntil").lt(now));
  }

  private Mono<List<String>> busyPlans(Instant now) {
    return mongo
        .find(query(where("until").gte(now)), PlanLease.class)
        .map(PlanLease::planId)
        .collectList();
  }

  private Mono<LedgerEntry> claim(LedgerEntry candidate) {
    // Read the time now, not when the candidates were listed: a lease judged lapsed must be.
    Instant now = clock.instant();
    Instant until = now.plus(properties.leaseDuration());
    String claim = UUID.randomUUID().toString();
    Update update =
        new Update()
            .set("status", LedgerStatus.RUNNING)
            .set("owner", properties.id())
            .set("leaseUntil", until)
            .inc("attempt", 1);
    return holdPlan(candidate.planId(), candidate.runId(), claim, now, until)
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
                        update,
                        RETURN_NEW,
                        LedgerEntry.class)
                    .switchIfEmpty(releaseClaim(candidate.planId(), claim).then(Mono.empty())));
  }

  /**
   * Takes the plan's lease for this claim of run {@code runId}, unless a live lease holds the plan.
   * A lapsed lease (its run's executor died) is taken over.
   */
  private Mono<Boolean> holdPlan(
      String planId, String runId, String claim, Instant now, Instant until) {
    return mongo
        .upsert(
            query(where("_id").is(planId).and("until").lt(now)),
            new Update()
                .set("runId", runId)
                .set("owner", properties.id())
                .set("until", until)
                .set("claim", claim),
            PlanLease.class)
        .thenReturn(true)
        .onErrorResume(DuplicateKeyException.class, busy -> Mono.just(false));
  }

  /** Gives back the plan's lease taken for {@code claim}, and only that one. */
  private Mono<Void> releaseClaim(String planId, String claim) {
    return mongo
        .remove(query(where("_id").is(planId).and("claim").is(claim)), PlanLease.class)
        .then();
  }

  /**
   * Holds the plan for work that must not overlap a run of it (removing a deleted plan's
   * destination), as a run would: true when no live lease holds the plan and this holder now does,
   * until {@code until} or {@link #releasePlan}; false while a run (or other holder) has it.
   */
  public Mono<Boolean> holdPlan(String planId, String holder, Instant until) {
    return Mono.defer(() -> holdPlan(planId, holder, holder, clock.instant(), until));
  }

  /** Gives back a hold taken with {@link #holdPlan(String, String, Instant)}, and only that one. */
  public Mono<Void> releasePlan(String planId, String holder) {
    return releaseClaim(planId, holder);
  }

  /**
   * Asks whichever executor holds the run to stop it; a waiting run is no longer claimed. The entry
   * as it now is, or empty if the run is unknown or already finished.
   */
  public Mono<LedgerEntry> requestCancel(String runId) {
    return mongo.findAndModify(
        query(where("_id").is(runId).and("status").ne(LedgerStatus.FINISHED)),
        new Update().set("cancelRequested", true),
        RETURN_NEW,
        LedgerEntry.class);
  }

  /**
   * Ends a waiting run whose cancel was asked for, keeping its outcome; false if it is no longer
   * waiting.
   */
  public Mono<Boolean> finishCancelled(String runId, RunFinished outcome) {
    return mongo
        .updateFirst(
            query(
                where("_id")
                    .is(runId)
                    .and("status")
                    .in(LedgerStatus.ACCEPTED, LedgerStatus.QUEUED)
                    .and("cancelRequested")
                    .is(true)),
            new Update().set("status", LedgerStatus.FINISHED).set("outcome", outcome),
            LedgerEntry.class)
        .map(result -> result.getModifiedCount() > 0);
  }
}
