package io.syncplan.executor.revision;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.executor.config.ExecutorProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The plans whose revisions this executor's pool keeps tidy: every MIRROR_WITH_REVISIONS plan of
 * the pool, kept up to date from plan events. A plan event older than the one applied is ignored; a
 * plan deleted, moved to another pool or to another mode is dropped (its history stays where it
 * is).
 */
@Component
class RevisionPlans {

  private final ReactiveMongoTemplate mongo;
  private final String pool;

  RevisionPlans(ReactiveMongoTemplate mongo, ExecutorProperties properties) {
    this.mongo = mongo;
    this.pool = properties.pool();
  }

  public Mono<Void> apply(PlanChanged event) {
    PlanSnapshot plan = event.plan();
    boolean kept =
        event.change() != PlanChange.DELETED
            && plan.mode() == SyncMode.MIRROR_WITH_REVISIONS
            && pool.equals(plan.pool());
    return kept ? keep(plan) : drop(plan);
  }

  private Mono<Void> keep(PlanSnapshot plan) {
    return mongo
        .upsert(
            query(where("_id").is(plan.id()).and("version").lt(plan.version())),
            new Update().set("version", plan.version()).set("plan", plan),
            RevisionPlan.class)
        .onErrorResume(DuplicateKeyException.class, alreadyNewer -> Mono.empty())
        .then();
  }

  private Mono<Void> drop(PlanSnapshot plan) {
    return mongo
        .remove(
            query(where("_id").is(plan.id()).and("version").lte(plan.version())),
            RevisionPlan.class)
        .then();
  }

  public Flux<PlanSnapshot> all() {
    return mongo.findAll(RevisionPlan.class).map(RevisionPlan::plan);
  }
}
