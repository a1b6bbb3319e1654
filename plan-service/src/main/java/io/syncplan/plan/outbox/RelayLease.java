package io.syncplan.plan.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * Which instance relays a plan's outbox: a lease kept in the plan document ({@code relayLease}),
 * taken with one conditional update (a claim, or the write that adds the messages), renewed before
 * each message and released at the end. A crashed holder's lease runs out after {@link #DURATION},
 * and another instance takes over.
 *
 * <p>Each taking of the lease has its own id ({@code take}), and a pass releases only its own: a
 * write of this instance may take the lease again while an earlier pass is ending, and that pass's
 * release must not free the lease the write's pass now relays under.
 */
final class RelayLease {

  /** Longer than one send may take while Kafka is away (the producer gives up after 10 s). */
  static final Duration DURATION = Duration.ofSeconds(30);

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;
  private final String owner = UUID.randomUUID().toString();
  private final AtomicLong takes = new AtomicLong();

  RelayLease(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** The id of a new taking of the lease by this instance. */
  String newTake() {
    return owner + "/" + takes.incrementAndGet();
  }

  /** True when this instance now holds the plan's lease (it was free, expired or already ours). */
  Mono<Boolean> claim(String planId, String take) {
    return mongo
        .updateFirst(
            query(where("_id").is(planId).andOperator(claimable())),
            holdUntil(new Update(), take),
            OutboxRelay.COLLECTION)
        .map(result -> result.getModifiedCount() > 0);
  }

  /** Where this instance may take the lease: it is free, expired or already ours. */
  Criteria claimable() {
    return new Criteria()
        .orOperator(
            where("relayLease").is(null),
            where("relayLease.until").lt(clock.instant()),
            where("relayLease.owner").is(owner));
  }

  /** Adds the taking of the lease to an update of the plan's document, made where claimable. */
  Update holdUntil(Update update, String take) {
    return update.set(
        "relayLease", new Document("owner", owner).append("take", take).append("until", until()));
  }

  /** Extends the lease while this instance holds it; false when it is no longer ours. */
  Mono<Boolean> renew(String planId) {
    return mongo
        .updateFirst(
            query(where("_id").is(planId).and("relayLease.owner").is(owner)),
            new Update().set("relayLease.until", until()),
            OutboxRelay.COLLECTION)
        .map(result -> result.getModifiedCount() > 0);
  }

  /** Frees the lease unless it has been taken again since this take. */
  Mono<Void> release(String planId, String take) {
    return mongo
        .updateFirst(
            query(
                where("_id")
                    .is(planId)
                    .and("relayLease.owner")
                    .is(owner)
                    .and("relayLease.take")
                    .is(take)),
            new Update().unset("relayLease"),
            OutboxRelay.COLLECTION)
        .then();
  }

  private Instant until() {
    return clock.instant().plus(DURATION);
  }
}
