package io.syncplan.plan.plan;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.plan.outbox.OutboxRelay;
import io.syncplan.plan.outbox.PendingMessage;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Stores plans and, in the same document write, the plan events their changes produce; the relay
 * then moves those events to Kafka.
 */
@Service
public class PlanService {

  private final ReactiveMongoTemplate mongo;
  private final MessagePublisher publisher;
  private final OutboxRelay relay;
  private final Clock clock;

  PlanService(
      ReactiveMongoTemplate mongo, MessagePublisher publisher, OutboxRelay relay, Clock clock) {
    this.mongo = mongo;
    this.publisher = publisher;
    this.relay = relay;
    this.clock = clock;
  }

  public Mono<PlanDocument> create(PlanRequest request) {
    Instant now = clock.instant();
    PlanSnapshot plan = PlanMapper.toSnapshot(UUID.randomUUID().toString(), 1, request, now);
    Envelope<PlanChanged> event = publisher.envelope(new PlanChanged(PlanChange.CREATED, plan));
    PlanDocument document =
        new PlanDocument(
            plan.id(), plan, now, false, List.of(PendingMessage.of(Topics.PLAN_EVENTS, event)));
    return mongo.insert(document).doOnSuccess(saved -> relay.relaySoon(saved.id()));
  }

  /** The plan, or a {@link PlanNotFoundException}. */
  public Mono<PlanDocument> get(String id) {
    return mongo
        .findOne(query(where("_id").is(id).and("deleted").is(false)), PlanDocument.class)
        .switchIfEmpty(Mono.error(() -> new PlanNotFoundException(id)));
  }

  public Flux<PlanDocument> list(int page, int size) {
    Query query =
        query(where("deleted").is(false))
            .with(Sort.by("plan.name", "_id"))
            .skip((long) page * size)
            .limit(size);
    return mongo.find(query, PlanDocument.class);
  }

  public Mono<Long> count() {
    return mongo.count(query(where("deleted").is(false)), PlanDocument.class);
  }

  /**
   * Adds a message to the plan's outbox, to be relayed in order after the plan's earlier ones;
   * completes empty when the plan does not exist.
   */
  public Mono<PlanDocument> enqueue(String planId, PendingMessage message) {
    return mongo
        .findAndModify(
            query(where("_id").is(planId).and("deleted").is(false)),
            new Update().push("outbox", message),
            PlanDocument.class)
        .doOnSuccess(
            found -> {
              if (found != null) {
                relay.relaySoon(planId);
              }
            });
  }
}
