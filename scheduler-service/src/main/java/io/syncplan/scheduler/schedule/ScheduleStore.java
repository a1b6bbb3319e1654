package io.syncplan.scheduler.schedule;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Keeps one schedule per plan from the plan events, ignoring events older than what it has. */
@Component
class ScheduleStore {

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  ScheduleStore(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  Mono<Void> apply(PlanChanged event) {
    PlanSnapshot plan = event.plan();
    if (event.change() == PlanChange.DELETED) {
      return remove(plan.id());
    }
    return mongo
        .findById(plan.id(), ScheduleDocument.class)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(existing -> upsertIfNewer(plan, nextFireAt(plan, existing.orElse(null))));
  }

  /** Stops every fire of the plan at once. */
  Mono<Void> remove(String planId) {
    return mongo.remove(query(where("_id").is(planId)), ScheduleDocument.class).then();
  }

  /** When the plan fires next given its stored schedule; null when it does not fire. */
  private Instant nextFireAt(PlanSnapshot plan, ScheduleDocument existing) {
    if (plan.paused() || plan.schedule() == null) {
      return null;
    }
    // An unchanged schedule keeps its pending fire, so an edit never skips a due time.
    if (existing != null
        && existing.nextFireAt() != null
        && !existing.plan().paused()
        && Objects.equals(existing.plan().schedule(), plan.schedule())) {
      return existing.nextFireAt();
    }
    return FireTimes.next(plan.schedule(), clock.instant());
  }

  private Mono<Void> upsertIfNewer(PlanSnapshot plan, Instant nextFireAt) {
    Update update =
        new Update()
            .set("planVersion", plan.version())
            .set("plan", plan)
            .set("nextFireAt", nextFireAt)
            .set("updatedAt", clock.instant());
    return mongo
        .upsert(
            query(where("_id").is(plan.id()).and("planVersion").lt(plan.version())),
            update,
            ScheduleDocument.class)
        .then()
        // The schedule already holds this or a newer version: the event is old news.
        .onErrorResume(DuplicateKeyException.class, newer -> Mono.empty());
  }
}
