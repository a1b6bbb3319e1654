package io.syncplan.plan.plan;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.AfterPlan;
import io.syncplan.contracts.plan.RunOutcome;
import io.syncplan.contracts.plan.TriggerSpec;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The chains between plans as the store holds them: which plans a plan's runs start, which start
 * it. A chain is kept in the plan it starts ({@code trigger.after}); the plans a plan starts are
 * found by the index on {@code plan.trigger.after.planId}.
 */
@Component
class PlanChains {

  private final ReactiveMongoTemplate mongo;

  PlanChains(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** A plan at one end of a chain, by id and current name (null once it is deleted). */
  record ChainedPlan(String planId, String name, Set<RunOutcome> on) {}

  /**
   * What starts a plan and what it starts.
   *
   * @param after the plans whose runs start it, with the outcomes that do
   * @param starts the plans its runs start, with the outcomes that do
   */
  record PlanChain(String planId, List<ChainedPlan> after, List<ChainedPlan> starts) {}

  /** The live plans that list any of these plans in their {@code trigger.after}. */
  Flux<PlanDocument> startedBy(Collection<String> planIds) {
    return mongo.find(
        query(where("plan.trigger.after.planId").in(planIds).and("deleted").is(false)),
        PlanDocument.class);
  }

  /** The live plans with these ids, by id. */
  Mono<Map<String, PlanDocument>> live(Collection<String> planIds) {
    if (planIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return mongo
        .find(query(where("_id").in(planIds).and("deleted").is(false)), PlanDocument.class)
        .collectMap(PlanDocument::id);
  }

  Mono<PlanChain> of(PlanDocument plan) {
    TriggerSpec trigger = plan.plan().trigger();
    Mono<List<ChainedPlan>> after =
        live(trigger.after().stream().map(AfterPlan::planId).toList())
            .map(
                found ->
                    trigger.after().stream()
                        .map(
                            link ->
                                new ChainedPlan(
                                    link.planId(),
                                    found.containsKey(link.planId())
                                        ? found.get(link.planId()).plan().name()
                                        : null,
                                    link.on()))
                        .toList());
    Mono<List<ChainedPlan>> starts =
        startedBy(List.of(plan.id()))
            .flatMapIterable(
                next ->
                    next.plan().trigger().after().stream()
                        .filter(link -> link.planId().equals(plan.id()))
                        .map(link -> new ChainedPlan(next.id(), next.plan().name(), link.on()))
                        .toList())
            .sort(Comparator.comparing(ChainedPlan::name))
            .collectList();
    return Mono.zip(after, starts)
        .map(both -> new PlanChain(plan.id(), both.getT1(), both.getT2()));
  }
}
