package io.syncplan.notification.rule;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.support.webhook.WebhookPayload;
import java.util.Collection;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keeps the notification rules of every plan, ignoring plan events older than what it has. */
@Component
public class PlanRulesStore {

  private final ReactiveMongoTemplate mongo;

  PlanRulesStore(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Mono<PlanRules> find(String planId) {
    return mongo.findById(planId, PlanRules.class);
  }

  /** The rules of several plans in one query, by plan id; plans not known yet are missing. */
  public Mono<Map<String, PlanRules>> findAll(Collection<String> planIds) {
    if (planIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return mongo
        .find(query(where("_id").in(planIds)), PlanRules.class)
        .collectMap(PlanRules::planId);
  }

  Mono<Void> apply(PlanChanged event) {
    PlanSnapshot plan = event.plan();
    Update update =
        new Update()
            .set("planVersion", plan.version())
            .set("planName", plan.name())
            .set("mode", plan.mode())
            .set("source", WebhookPayload.describe(plan.source()))
            .set("destination", WebhookPayload.describe(plan.destination()))
            .set("notifications", plan.notifications())
            .set("deleted", event.change() == PlanChange.DELETED);
    return mongo
        .upsert(
            query(where("_id").is(plan.id()).and("planVersion").lt(plan.version())),
            update,
            PlanRules.class)
        .then()
        .onErrorResume(DuplicateKeyException.class, newer -> Mono.empty());
  }
}
