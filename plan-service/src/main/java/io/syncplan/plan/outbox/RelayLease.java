package io.syncplan.plan.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;

/**
 * Which instance relays a plan's outbox: a lease kept in the plan document ({@code relayLease}),
 * taken with one conditional update, renewed before each message and released at the end. A crashed
 * holder's lease runs out after {@link #DURATION}, and another instance takes over.
 */
final class RelayLease {

  /** Longer than one send may take while Kafka is away (the producer gives up after 10 s). */
  static final Duration DURATION = Duration.ofSeconds(30);

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;
  private final String owner = UUID.randomUUID().toString();

  RelayLease(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** True when this instance now holds the plan's lease (it was free, expired or already ours). */
  Mono<Boolean> claim(String planId) {
    Criteria claimable =
        new Criteria()
            .orOperator(
                where("relayLease").is(null),
                where("relayLease.until").lt(clock.instant()),
                where("relayLease.owner").is(owner));
    return mongo
        .updateFirst(
            query(where("_id").is(planId).andOperator(claimable)),
            holdUntil(),
            OutboxRelay.COLLECTION)
        .map(result -> result.getModifiedCount() > 0);
  }

  /** Extends the lease; false when it is no longer ours. */
  Mono<Boolean> renew(String planId) {
    return mongo
        .updateFirst(
            query(where("_id").is(planId).and("relayLease.owner").is(owner)),
            holdUntil(),
            OutboxRelay.COLLECTION)
        .map(result -> result.getModifiedCount() > 0);
  }

  Mono<Void> release(String planId) {
    return mongo
        .updateFirst(
            query(where("_id").is(planId).and("relayLease.owner").is(owner)),
            new Update().unset("relayLease"),
            OutboxRelay.COLLECTION)
        .then();
  }

  private Update holdUntil() {
    return new Update()
        .set(
            "relayLease",
            new Document("owner", owner).append("until", clock.instant().plus(DURATION)));
  }
}
