package io.syncplan.notification.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.notification.channel.AttemptResult;
import io.syncplan.notification.content.Notification;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The delivery log in MongoDB. Every change is one conditional single-document update that names
 * the state it expects and the instance that holds the delivery, so two instances can never both
 * move one delivery on.
 */
@Component
class DeliveryLog {

  private static final FindAndModifyOptions RETURN_NEW =
      FindAndModifyOptions.options().returnNew(true);

  private final ReactiveMongoTemplate mongo;

  DeliveryLog(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * Claims the delivery for {@code owner} with its first attempt starting: one insert, whose unique
   * id makes it the claim. Empty when it was claimed before.
   */
  Mono<Delivery> claim(
      Notification notification, String channel, String owner, Instant now, Instant leaseUntil) {
    return mongo
        .insert(Delivery.firstAttempt(notification, channel, owner, now, leaseUntil))
        .onErrorResume(DuplicateKeyException.class, taken -> Mono.empty());
  }

  /**
   * Starts another attempt of a pending delivery; empty when it is no longer this owner's to send.
   */
  Mono<Delivery> startAttempt(Delivery pending, Instant now, Instant leaseUntil) {
    return change(
        held(pending, DeliveryStatus.PENDING),
        new Update()
            .set("status", DeliveryStatus.SENDING)
            .inc("attempts", 1)
            .set("leaseUntil", leaseUntil)
            .set("updatedAt", now),
        pending.sending(now, leaseUntil));
  }

  Mono<Delivery> delivered(Delivery sending, AttemptResult result, Instant now) {
    return change(
        held(sending, DeliveryStatus.SENDING),
        new Update()
            .set("status", DeliveryStatus.DELIVERED)
            .set("lastResponseCode", result.responseCode())
            .unset("lastError")
            .set("deliveredAt", now)
            .unset("nextAttemptAt")
            .unset("owner")
            .unset("leaseUntil")
            .set("updatedAt", now),
        sending.delivered(result.responseCode(), now));
  }

  Mono<Delivery> retryAt(
      Delivery sending, AttemptResult result, Instant now, Instant next, Instant leaseUntil) {
    return change(
        held(sending, DeliveryStatus.SENDING),
        new Update()
            .set("status", DeliveryStatus.PENDING)
            .set("lastResponseCode", result.responseCode())
            .set("lastError", result.error())
            .set("nextAttemptAt", next)
            .set("leaseUntil", leaseUntil)
            .set("updatedAt", now),
        sending.retrying(result.responseCode(), result.error(), now, next, leaseUntil));
  }

  /**
   * Hands back an attempt that was claimed but not started (this instance is stopping): pending
   * again, due now, held by nobody.
   */
  Mono<Delivery> handBack(Delivery sending, Instant now) {
    return modify(
        held(sending, DeliveryStatus.SENDING),
        new Update()
            .set("status", DeliveryStatus.PENDING)
            .inc("attempts", -1)
            .set("nextAttemptAt", now)
            .unset("owner")
            .set("leaseUntil", now)
            .set("updatedAt", now));
  }

  /** Gives up on a delivery this owner holds, pending or in flight. */
  Mono<Delivery> failed(Delivery delivery, Integer responseCode, String error, Instant now) {
    return modify(
        held(delivery, DeliveryStatus.PENDING, DeliveryStatus.SENDING),
        givenUp(error, now).set("lastResponseCode", responseCode));
  }

  /** Pending deliveries whose holder's lease ran out: that instance is gone or has let them go. */
  Flux<Delivery> abandoned(Instant now, int limit) {
    return mongo.find(expired(DeliveryStatus.PENDING, now).limit(limit), Delivery.class);
  }

  /** Takes over an abandoned pending delivery; empty when another instance was first. */
  Mono<Delivery> takeOver(String id, String owner, Instant now, Instant leaseUntil) {
    return modify(
        expired(id, DeliveryStatus.PENDING, now),
        new Update().set("owner", owner).set("leaseUntil", leaseUntil).set("updatedAt", now));
  }

  /** Deliveries whose attempt was in flight when the instance sending it stopped. */
  Flux<Delivery> interrupted(Instant now, int limit) {
    return mongo.find(expired(DeliveryStatus.SENDING, now).limit(limit), Delivery.class);
  }

  /**
   * Gives up on an attempt whose outcome nobody knows: the receiver may have it, so it is not sent
   * again. Empty when another instance recorded it first.
   */
  Mono<Delivery> giveUpInterrupted(String id, String error, Instant now) {
    return modify(expired(id, DeliveryStatus.SENDING, now), givenUp(error, now));
  }

  /** Lets every pending delivery of an owner that stops go at once, for others to take over. */
  Mono<Long> release(String owner, Instant now) {
    return mongo
        .updateMulti(
            query(where("owner").is(owner).and("status").is(DeliveryStatus.PENDING)),
            new Update().set("leaseUntil", now).unset("owner").set("updatedAt", now),
            Delivery.class)
        .map(result -> result.getModifiedCount());
  }

  /** Removes the settled deliveries whose last change is older than {@code before}. */
  Mono<Long> pruneSettled(Instant before) {
    return mongo
        .remove(
            query(
                where("status")
                    .in(DeliveryStatus.DELIVERED, DeliveryStatus.FAILED)
                    .and("updatedAt")
                    .lt(before)),
            Delivery.class)
        .map(result -> result.getDeletedCount());
  }

  Flux<Delivery> ofRun(String runId) {
    return mongo.find(query(where("runId").is(runId)), Delivery.class);
  }

  Flux<Delivery> ofEvent(String eventId) {
    return mongo.find(query(where("eventId").is(eventId)), Delivery.class);
  }

  Mono<Delivery> find(String id) {
    return mongo.findById(id, Delivery.class);
  }

  /** The delivery as the holder of its attempt in flight left it. */
  /** The delivery while its owner still holds it in one of {@code statuses}. */
  private static Query held(Delivery delivery, DeliveryStatus... statuses) {
    return query(
        where("_id")
            .is(delivery.id())
            .and("owner")
            .is(delivery.owner())
            .and("status")
            .in((Object[]) statuses));
  }

  /** A delivery failed for good: nobody holds it any more and it is not tried again. */
  private static Update givenUp(String error, Instant now) {
    return new Update()
        .set("status", DeliveryStatus.FAILED)
        .set("lastError", error)
        .unset("nextAttemptAt")
        .unset("owner")
        .unset("leaseUntil")
        .set("updatedAt", now);
  }

  /** The delivery {@code id} in {@code status} while its holder's lease ran out. */
  private static Query expired(String id, DeliveryStatus status, Instant now) {
    return query(where("_id").is(id).and("status").is(status).and("leaseUntil").lte(now));
  }

  private static Query expired(DeliveryStatus status, Instant now) {
    return query(where("status").is(status).and("leaseUntil").lte(now)).with(Sort.by("leaseUntil"));
  }

  /**
   * A compare-and-set whose outcome is known without reading the document back: {@code after} when
   * {@code expected} matched, empty when it did not.
   */
  private Mono<Delivery> change(Query expected, Update update, Delivery after) {
    return mongo
        .updateFirst(expected, update, Delivery.class)
        .filter(result -> result.getMatchedCount() == 1)
        .map(result -> after);
  }

  private Mono<Delivery> modify(Query query, Update update) {
    return mongo.findAndModify(query, update, RETURN_NEW, Delivery.class);
  }
}
