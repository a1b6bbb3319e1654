package io.syncplan.plan.plan;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.plan.outbox.OutboxFullException;
import io.syncplan.plan.outbox.OutboxProperties;
import io.syncplan.plan.outbox.OutboxRelay;
import io.syncplan.plan.outbox.PendingMessage;
import io.syncplan.plan.web.ConflictException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The plans collection. Every write changes a plan and appends the messages the change produced in
 * one atomic document update, conditional on the version it was based on; the relay is then asked
 * to move the messages to Kafka. The messages waiting in a plan's outbox are bounded ({@code
 * outboxBytes}, kept by the same updates that add and remove them): a write that would pass the
 * bound is refused ({@link OutboxFullException}) rather than let the document grow toward MongoDB's
 * 16 MB cap while Kafka is away.
 */
@Component
public class PlanStore {

  private final ReactiveMongoTemplate mongo;
  private final OutboxRelay relay;
  private final PlanCatalog catalog;
  private final OutboxProperties outbox;
  private final Clock clock;

  PlanStore(
      ReactiveMongoTemplate mongo,
      OutboxRelay relay,
      PlanCatalog catalog,
      OutboxProperties outbox,
      Clock clock) {
    this.mongo = mongo;
    this.relay = relay;
    this.catalog = catalog;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** The live plan with this id; empty when there is none. */
  public Mono<PlanDocument> find(String id) {
    return mongo.findOne(query(where("_id").is(id).and("deleted").is(false)), PlanDocument.class);
  }

  Mono<PlanDocument> findByName(String name) {
    return mongo.findOne(
        query(where("nameKey").is(PlanDocument.nameKey(name)).and("deleted").is(false)),
        PlanDocument.class);
  }

  /** The live plans that read from or write to this storage. */
  /** Every plan that is not deleted. */
  public Flux<PlanDocument> active() {
    return mongo.find(query(where("deleted").is(false)), PlanDocument.class);
  }

  Flux<PlanDocument> usingStorage(String storageId) {
    return mongo.find(
        query(where("storageIds").is(storageId).and("deleted").is(false)), PlanDocument.class);
  }

  /** The live plans with a webhook that syncplan 0.1 stored with its URL in clear. */
  Flux<PlanDocument> withClearWebhooks() {
    return mongo.find(
        query(where("plan.notifications.webhooks.url").exists(true).and("deleted").is(false)),
        PlanDocument.class);
  }

  Mono<PlanDocument> insert(PlanDocument document) {
    // Written with the weight of its first messages, so that the outbox's weight stays exact.
    org.bson.Document stored = new org.bson.Document();
    mongo.getConverter().write(document, stored);
    stored.put(OutboxRelay.OUTBOX_BYTES, weight(document.outbox()));
    return mongo
        .insert(stored, mongo.getCollectionName(PlanDocument.class))
        .thenReturn(document)
        .onErrorMap(DuplicateKeyException.class, e -> nameTaken(document.plan().name()))
        .doOnSuccess(
            saved -> {
              catalog.put(saved);
              relay.relaySoon(saved.id());
            });
  }

  /**
   * Replaces the snapshot of the plan at {@code expectedVersion}; empty when the plan is no longer
   * at that version (or gone).
   */
  Mono<PlanDocument> replace(
      PlanDocument current, PlanSnapshot next, List<PendingMessage> messages, Update extra) {
    Update update =
        extra
            .set("plan", next)
            .set("nameKey", PlanDocument.nameKey(next.name()))
            .set("storageIds", storageIds(next))
            .set("modifiedAt", clock.instant());
    return appendAndSave(current, messages, update)
        .onErrorMap(DuplicateKeyException.class, e -> nameTaken(next.name()));
  }

  /** Marks the plan deleted, gives its name up and appends its last messages. */
  Mono<PlanDocument> markDeleted(
      PlanDocument current, PlanSnapshot last, List<PendingMessage> messages) {
    Update update =
        new Update()
            .set("plan", last)
            .set("deleted", true)
            .set("deletedAt", clock.instant())
            .set("nameKey", PlanDocument.deletedNameKey(current.id()))
            .set("modifiedAt", clock.instant());
    return appendAndSave(current, messages, update);
  }

  /**
   * Appends messages to a live plan's outbox, after its earlier ones; empty if there is none, and
   * {@link OutboxFullException} if its outbox has no room for them.
   */
  public Mono<PlanDocument> enqueue(String planId, List<PendingMessage> messages) {
    long weight = weight(messages);
    Criteria live = where("_id").is(planId).and("deleted").is(false);
    // Usually the relay lease is free: the same write takes it, and the relay sends at once.
    Update withLease = append(messages, weight);
    String take = relay.takeLeaseWith(withLease);
    return findAndModify(
            new Criteria().andOperator(live, roomFor(weight), relay.leaseClaimable()), withLease)
        .doOnNext(saved -> relay.relayClaimed(planId, take, saved.outbox()))
        .switchIfEmpty(
            Mono.defer(
                () ->
                    findAndModify(
                            new Criteria().andOperator(live, roomFor(weight)),
                            append(messages, weight))
                        .doOnNext(saved -> relay.relaySoon(planId))))
        .switchIfEmpty(Mono.defer(() -> refuseIfFull(planId, weight)));
  }

  private static Update append(List<PendingMessage> messages, long weight) {
    return new Update()
        .push("outbox")
        .each(messages.toArray())
        .inc(OutboxRelay.OUTBOX_BYTES, weight);
  }

  private Mono<PlanDocument> findAndModify(Criteria criteria, Update update) {
    return mongo.findAndModify(
        query(criteria),
        update,
        FindAndModifyOptions.options().returnNew(true),
        PlanDocument.class);
  }

  /**
   * Sets fields of a plan that the rest of the system reports (initialisation, last run, next run),
   * if the query still matches; empty when it does not.
   */
  public Mono<PlanDocument> report(Query query, Update update) {
    return mongo
        .findAndModify(
            query,
            update.set("modifiedAt", clock.instant()),
            FindAndModifyOptions.options().returnNew(true),
            PlanDocument.class)
        .doOnSuccess(
            saved -> {
              if (saved != null) {
                catalog.put(saved);
              }
            });
  }

  private Mono<PlanDocument> appendAndSave(
      PlanDocument current, List<PendingMessage> messages, Update update) {
    long weight = weight(messages);
    if (!messages.isEmpty()) {
      update.push("outbox").each(messages.toArray()).inc(OutboxRelay.OUTBOX_BYTES, weight);
    }
    return mongo
        .findAndModify(
            query(
                new Criteria()
                    .andOperator(
                        where("_id")
                            .is(current.id())
                            .and("deleted")
                            .is(false)
                            .and("plan.version")
                            .is(current.plan().version()),
                        roomFor(weight))),
            update,
            FindAndModifyOptions.options().returnNew(true),
            PlanDocument.class)
        .switchIfEmpty(Mono.defer(() -> refuseIfFull(current.id(), weight)))
        .doOnSuccess(
            saved -> {
              if (saved != null) {
                catalog.put(saved);
                if (!messages.isEmpty()) {
                  relay.relaySoon(saved.id());
                }
              }
            });
  }

  private static long weight(List<PendingMessage> messages) {
    return messages.stream().mapToLong(PendingMessage::weight).sum();
  }

  /** The plan's outbox has room for this much more (a plan stored before the bound has room). */
  private Criteria roomFor(long weight) {
    return new Criteria()
        .orOperator(
            where(OutboxRelay.OUTBOX_BYTES).exists(false),
            where(OutboxRelay.OUTBOX_BYTES).lte(outbox.maxPending().toBytes() - weight));
  }

  /**
   * The write found nothing: a live plan whose outbox is full is refused; otherwise the plan is
   * gone or moved on to another version, and the write stays empty for its caller to judge.
   */
  private Mono<PlanDocument> refuseIfFull(String planId, long weight) {
    return mongo
        .findOne(
            query(
                where("_id")
                    .is(planId)
                    .and("deleted")
                    .is(false)
                    .and(OutboxRelay.OUTBOX_BYTES)
                    .gt(outbox.maxPending().toBytes() - weight)),
            PlanDocument.class)
        .flatMap(
            full -> Mono.<PlanDocument>error(new OutboxFullException(planId, outbox.retryAfter())));
  }

  static List<String> storageIds(PlanSnapshot plan) {
    return Stream.of(plan.source(), plan.destination())
        .filter(endpoint -> !endpoint.isLocal())
        .map(Endpoint::storage)
        // the storages a wrapper builds on too: a change of one of them republishes the plan
        .flatMap(storage -> Stream.concat(Stream.of(storage), storage.references().stream()))
        .map(storage -> storage.id())
        .distinct()
        .toList();
  }

  private static ConflictException nameTaken(String name) {
    return new ConflictException(
        "A plan named '" + name + "' already exists; plan names are unique (ignoring case)",
        Map.of("name", name));
  }
}
