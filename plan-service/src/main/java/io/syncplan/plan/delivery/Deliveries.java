package io.syncplan.plan.delivery;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.notification.DeliveryUpdated;
import java.time.Instant;
import java.util.Collection;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The delivery log: the latest report of each notification to each channel. A report older than the
 * one stored (a redelivery, or one overtaken) changes nothing.
 */
@Component
public class Deliveries {

  private final ReactiveMongoTemplate mongo;

  Deliveries(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Mono<Void> record(DeliveryUpdated update) {
    String id = update.eventId() + "|" + update.channel();
    Criteria olderOrAbsent =
        new Criteria()
            .orOperator(where("updatedAt").is(null), where("updatedAt").lte(update.updatedAt()));
    return mongo
        .upsert(
            query(where("_id").is(id).andOperator(olderOrAbsent)),
            new Update()
                .set("planId", update.planId())
                .set("runId", update.runId())
                .set("eventId", update.eventId())
                .set("eventType", update.eventType())
                .set("channel", update.channel())
                .set("status", update.status())
                .set("attempts", update.attempts())
                .set("lastResponseCode", update.lastResponseCode())
                .set("lastError", update.lastError())
                .set("updatedAt", update.updatedAt()),
            DeliveryDocument.class)
        .then()
        // the stored report is newer: the upsert found nothing and tried a second document
        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty());
  }

  /** Forgets the deliveries of these runs (their runs left the history); how many went. */
  public Mono<Long> removeOfRuns(Collection<String> runIds) {
    return mongo
        .remove(query(where("runId").in(runIds)), DeliveryDocument.class)
        .map(result -> result.getDeletedCount());
  }

  /** Forgets deliveries last reported before {@code cutoff}; how many went. */
  public Mono<Long> removeOlderThan(Instant cutoff) {
    return mongo
        .remove(query(where("updatedAt").lt(cutoff)), DeliveryDocument.class)
        .map(result -> result.getDeletedCount());
  }

  Flux<DeliveryDocument> ofRun(String runId) {
    return mongo.find(
        query(where("runId").is(runId)).with(Sort.by("updatedAt", "_id")), DeliveryDocument.class);
  }

  Flux<DeliveryDocument> ofEvent(String planId, String eventId) {
    return mongo.find(
        query(where("eventId").is(eventId).and("planId").is(planId))
            .with(Sort.by("updatedAt", "_id")),
        DeliveryDocument.class);
  }
}
