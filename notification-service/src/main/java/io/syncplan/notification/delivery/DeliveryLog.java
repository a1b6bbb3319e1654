package io.syncplan.notification.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The delivery log: claims a delivery before it is sent and records how it went. */
@Component
class DeliveryLog {

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  DeliveryLog(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** Claims the delivery; empty when another claim got it first. */
  Mono<Delivery> claim(
      String eventId, String eventType, String planId, String runId, String channel) {
    Instant now = clock.instant();
    Delivery delivery =
        new Delivery(
            Delivery.id(eventId, channel),
            eventId,
            eventType,
            planId,
            runId,
            channel,
            DeliveryStatus.PENDING,
            0,
            null,
            null,
            now,
            now);
    return mongo.insert(delivery).onErrorResume(DuplicateKeyException.class, taken -> Mono.empty());
  }

  Mono<Void> attempted(Delivery delivery, Integer responseCode, String error) {
    return update(
        delivery,
        new Update()
            .inc("attempts", 1)
            .set("lastResponseCode", responseCode)
            .set("lastError", error));
  }

  Mono<Void> delivered(Delivery delivery) {
    return update(delivery, new Update().set("status", DeliveryStatus.DELIVERED));
  }

  Mono<Void> failed(Delivery delivery) {
    return update(delivery, new Update().set("status", DeliveryStatus.FAILED));
  }

  Flux<Delivery> ofRun(String runId) {
    return mongo.find(query(where("runId").is(runId)), Delivery.class);
  }

  private Mono<Void> update(Delivery delivery, Update update) {
    return mongo
        .updateFirst(
            query(where("_id").is(delivery.id())),
            update.set("updatedAt", clock.instant()),
            Delivery.class)
        .then();
  }
}
