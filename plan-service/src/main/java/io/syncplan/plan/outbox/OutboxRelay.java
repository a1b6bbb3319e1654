package io.syncplan.plan.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.MessageCodec;
import io.syncplan.plan.config.OnePassAtATime;
import io.syncplan.support.CommandTopics;
import io.syncplan.support.MessagePublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves the pending messages of plans to Kafka, oldest first, and removes each one only once the
 * broker has it. A message that cannot be sent stops the plan's relay, so a later message never
 * overtakes it; the periodic sweep tries again. One instance at a time relays a plan ({@link
 * RelayLease}). A message may still be sent twice when an instance dies between sending it and
 * removing it; consumers recognise it by its event id and the plan version.
 */
@Component
public class OutboxRelay implements SchedulingConfigurer {

  /**
   * The collection whose documents carry an outbox: the plans. A plan's document holds its pending
   * messages ({@code outbox}), their weight ({@link #OUTBOX_BYTES}) and the relay's lease, so that
   * a change and the messages it makes are written in one atomic update.
   */
  public static final String COLLECTION = "plans";

  /**
   * The weight of the messages waiting in a plan's outbox (see {@link PendingMessage#weight()}).
   */
  public static final String OUTBOX_BYTES = "outboxBytes";

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration DELETED_RETENTION = Duration.ofHours(1);

  private final ReactiveMongoTemplate mongo;
  private final MessagePublisher publisher;
  private final CommandTopics commandTopics;
  private final Clock clock;
  private final Duration sweepEvery;
  private final RelayLease lease;
  private final Set<String> relaying = ConcurrentHashMap.newKeySet();
  private final Set<String> requestedAgain = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean sweptEveryPlan = new AtomicBoolean();
  private final OnePassAtATime sweeps = new OnePassAtATime("Outbox sweep");

  OutboxRelay(
      ReactiveMongoTemplate mongo,
      MessagePublisher publisher,
      CommandTopics commandTopics,
      Clock clock,
      OutboxProperties properties) {
    this.mongo = mongo;
    this.publisher = publisher;
    this.commandTopics = commandTopics;
    this.clock = clock;
    this.sweepEvery = properties.sweepInterval();
    this.lease = new RelayLease(mongo, clock);
  }

  /**
   * Relays the plan's pending messages in the background. Requests for a plan that is being relayed
   * are folded into one more pass when the current one ends.
   */
  public void relaySoon(String planId) {
    start(planId, () -> relay(planId));
  }

  /**
   * Where a write that adds messages to a plan's outbox may also take the plan's relay lease for
   * this instance (see {@link #takeLeaseWith}): the lease is free, expired or already ours.
   */
  public Criteria leaseClaimable() {
    return lease.claimable();
  }

  /**
   * Adds the taking of the plan's relay lease to a write that adds messages to its outbox, made
   * where {@link #leaseClaimable()} holds; returns the take for {@link #relayClaimed}. One synced
   * write then both stores the messages and lets this instance send them: without it, the relay's
   * claim was a second synced write on the path of every run request. If this instance dies before
   * sending them, another takes over once the lease runs out, as after any claim.
   */
  public String takeLeaseWith(Update update) {
    String take = lease.newTake();
    lease.holdUntil(update, take);
    return take;
  }

  /**
   * Relays a plan's outbox, as the write that took the relay lease with {@link #takeLeaseWith} left
   * it, in the background; the lease is released at the end as after {@link #relay}.
   */
  public void relayClaimed(String planId, String take, List<PendingMessage> outbox) {
    start(
        planId,
        () ->
            relayHeld(planId, take, outbox, true)
                .then(Mono.defer(() -> lease.release(planId, take))));
  }

  /**
   * Runs a relay pass of the plan unless one is running here already; then the running pass is
   * followed by one more (which claims the lease again), so nothing added meanwhile waits for the
   * sweep.
   */
  private void start(String planId, Supplier<Mono<Void>> pass) {
    if (!relaying.add(planId)) {
      requestedAgain.add(planId);
      return;
    }
    pass.get()
        .doFinally(
            signal -> {
              relaying.remove(planId);
              if (requestedAgain.remove(planId)) {
                relaySoon(planId);
              }
            })
        .subscribe(
            null,
            error ->
                log.warn(
                    "Plan {}: pending messages not yet relayed, will retry: {}",
                    planId,
                    error.toString()));
  }

  /**
   * Relays the plan's pending messages, in order, and completes when all are on Kafka. Only the
   * instance holding the plan's relay lease relays it, so two instances never send a plan's
   * messages side by side (which would duplicate and reorder them); an instance that finds the
   * lease taken leaves the messages to the holder, or to its own sweep once the lease is free.
   */
  public Mono<Void> relay(String planId) {
    String take = lease.newTake();
    return lease
        .claim(planId, take)
        .flatMap(
            claimed ->
                claimed
                    ? relayHeld(planId, take, true)
                        .then(Mono.defer(() -> lease.release(planId, take)))
                    : Mono.empty())
        .then();
  }

  /**
   * Sends until the outbox is empty, renewing the lease before each message. The first message
   * after the claim goes out under the lease the claim has just set for its whole duration:
   * renewing it a few milliseconds later would add a synced store write to every run request's path
   * and change nothing.
   *
   * @param take the taking of the lease this pass holds
   * @param justClaimed the lease was taken right before this pass
   */
  private Mono<Void> relayHeld(String planId, String take, boolean justClaimed) {
    return mongo
        .findById(planId, Pending.class, COLLECTION)
        .map(Pending::outbox)
        .defaultIfEmpty(List.of())
        .flatMap(outbox -> relayHeld(planId, take, outbox, justClaimed));
  }

  /** Sends the messages of the plan's outbox as read, then goes on as {@link #relayHeld}. */
  private Mono<Void> relayHeld(
      String planId, String take, List<PendingMessage> outbox, boolean justClaimed) {
    return Flux.fromIterable(outbox)
        .index()
        .concatMap(
            indexed -> {
              PendingMessage message = indexed.getT2();
              Mono<Boolean> holding =
                  justClaimed && indexed.getT1() == 0 ? Mono.just(true) : lease.renew(planId);
              return holding.flatMap(
                  held ->
                      held
                          ? send(message).then(remove(planId, message)).thenReturn(true)
                          : Mono.error(
                              new IllegalStateException("lost the relay lease of plan " + planId)));
            })
        .count()
        // messages added while this pass ran go out in another pass under the same lease
        .flatMap(sent -> sent > 0 ? relayHeld(planId, take, false) : settleEmpty(planId))
        .onErrorResume(error -> lease.release(planId, take).then(Mono.error(error)));
  }

  /** A sweep every {@code sweep-interval}, the first one interval after the start. */
  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, sweepEvery, sweepEvery));
  }

  /**
   * Picks up what an earlier relay could not send, for example while Kafka was down, and forgets
   * deleted plans whose last messages were relayed a while ago (the while lets every instance's
   * plan list see the deletion). Both read through an index ({@code outbox_pending}, {@code
   * deletedAt}), not every plan: a sweep runs every few seconds, and a scan of 100,000 plans took
   * longer than that on the embedded store. The first sweep after the start looks at every plan
   * once, for messages stored before their weight was kept ({@link #OUTBOX_BYTES}); it takes longer
   * than the interval at that size, so a sweep starts only once the one before it has ended (19 of
   * them once ran at the same time, and the store answered nothing else for minutes).
   */
  void sweep() {
    sweeps.start(this::sweepOnce);
  }

  private Mono<Void> sweepOnce() {
    boolean first = !sweptEveryPlan.get();
    Criteria pending = first ? where("outbox.0").exists(true) : where(OUTBOX_BYTES).gt(0);
    Mono<Void> relayPending =
        mongo
            .find(query(pending), Pending.class, COLLECTION)
            .doOnNext(plan -> relaySoon(plan.id()))
            .then(Mono.fromRunnable(() -> sweptEveryPlan.set(true)));
    Mono<Void> forgetDeleted =
        mongo
            .remove(
                query(
                    where("deleted")
                        .is(true)
                        .and("outbox")
                        .size(0)
                        .and("deletedAt")
                        .lt(clock.instant().minus(DELETED_RETENTION))),
                COLLECTION)
            .then();
    return Mono.when(relayPending, forgetDeleted);
  }

  private Mono<Void> send(PendingMessage message) {
    Mono<Void> ready =
        message.topic().startsWith(Topics.COMMANDS_PREFIX)
            ? commandTopics
                .ensure(message.topic().substring(Topics.COMMANDS_PREFIX.length()))
                .then()
            : Mono.empty();
    if (message.isTombstone()) {
      return ready.then(publisher.tombstone(message.topic(), message.key()));
    }
    return ready.then(
        Mono.defer(
            () ->
                publisher.publish(
                    message.topic(),
                    MessageCodec.shared()
                        .decode(message.envelopeJson().getBytes(StandardCharsets.UTF_8)))));
  }

  /** Takes a sent message out, and its weight off the outbox's, once. */
  private Mono<Void> remove(String planId, PendingMessage message) {
    return mongo
        .updateFirst(
            query(where("_id").is(planId).and("outbox.messageId").is(message.messageId())),
            new Update()
                .pull("outbox", new Document("messageId", message.messageId()))
                .inc(OUTBOX_BYTES, -message.weight()),
            COLLECTION)
        .then();
  }

  /**
   * An empty outbox weighs nothing: said outright, so that the weight of messages stored before it
   * was kept does not linger.
   */
  private Mono<Void> settleEmpty(String planId) {
    return mongo
        .updateFirst(
            query(where("_id").is(planId).and("outbox").size(0).and(OUTBOX_BYTES).ne(0)),
            new Update().set(OUTBOX_BYTES, 0),
            COLLECTION)
        .then();
  }

  /** What the relay reads of a plan's document: its id and its pending messages. */
  record Pending(@Id String id, List<PendingMessage> outbox) {

    Pending {
      outbox = outbox == null ? List.of() : outbox;
    }
  }
}
