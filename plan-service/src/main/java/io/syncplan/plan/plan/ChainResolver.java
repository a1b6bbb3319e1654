package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.AfterPlan;
import io.syncplan.contracts.plan.TriggerSpec;
import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads the plans a request's {@code trigger.after} names (by id or name) as ids, and refuses a
 * chain to a plan that does not exist, to the same plan twice, or one that would close a cycle,
 * naming the plans of the cycle. A link the plan already has to a plan deleted since is kept: the
 * plan can still be changed, and the link simply never fires.
 *
 * <p>Two plans saved at the very same moment could each close half of a cycle; the scheduler
 * refuses to follow a chain around a cycle, so even that starts nothing twice.
 */
@Component
class ChainResolver {

  /** How far the cycle check follows chains; far beyond any chain people build. */
  private static final int MAX_DEPTH = 1000;

  private final PlanStore store;
  private final PlanChains chains;

  ChainResolver(PlanStore store, PlanChains chains) {
    this.store = store;
    this.chains = chains;
  }

  /**
   * The request with its chain naming plans by id.
   *
   * @param planId the plan the request is for
   * @param current the plan's chain as it is, {@link TriggerSpec#NONE} for a new plan
   */
  Mono<PlanRequest> resolve(String planId, PlanRequest request, TriggerSpec current) {
    if (request.trigger() == null || request.trigger().after() == null) {
      return Mono.just(request);
    }
    List<AfterPlanRequest> after = request.trigger().after();
    Set<String> kept = new HashSet<>();
    current.after().forEach(link -> kept.add(link.planId()));
    return Flux.fromIterable(after)
        .concatMap(link -> idOf(link.plan().strip(), kept))
        .collectList()
        .flatMap(
            ids -> {
              List<FieldProblem> problems = new ArrayList<>();
              Map<String, Integer> seen = new HashMap<>();
              for (int i = 0; i < ids.size(); i++) {
                String field = "trigger.after[" + i + "].plan";
                String id = ids.get(i);
                if (id.isEmpty()) {
                  problems.add(
                      new FieldProblem(
                          field, "no plan has the id or name '" + after.get(i).plan() + "'"));
                } else if (id.equals(planId)) {
                  String name = request.name().strip();
                  problems.add(
                      new FieldProblem(field, "would make a cycle: " + name + " → " + name));
                } else if (seen.putIfAbsent(id, i) != null) {
                  problems.add(
                      new FieldProblem(
                          field, "names the same plan as trigger.after[" + seen.get(id) + "]"));
                }
              }
              if (!problems.isEmpty()) {
                return Mono.error(new InvalidRequestException(problems));
              }
              return checkCycles(planId, request.name().strip(), ids)
                  .thenReturn(withIds(request, ids));
            });
  }

  /** The id of the plan a reference names, or "" when none does. */
  private Mono<String> idOf(String reference, Set<String> kept) {
    return store
        .find(reference)
        .switchIfEmpty(Mono.defer(() -> store.findByName(reference)))
        .map(PlanDocument::id)
        .defaultIfEmpty(kept.contains(reference) ? reference : "");
  }

  /**
   * Follows the chains that start from {@code planId}; reaching one of the plans that are to start
   * it would close a cycle.
   */
  private Mono<Void> checkCycles(String planId, String name, List<String> upstream) {
    Map<String, String> parent = new LinkedHashMap<>();
    Map<String, String> names = new HashMap<>();
    parent.put(planId, null);
    names.put(planId, name);
    return walk(List.of(planId), parent, names, Set.copyOf(upstream), 0)
        .flatMap(
            reached -> {
              List<String> cycle = new ArrayList<>();
              for (String at = reached; at != null; at = parent.get(at)) {
                cycle.add(0, names.getOrDefault(at, at));
              }
              cycle.add(name);
              int index = upstream.indexOf(reached);
              return Mono.<Void>error(
                  new InvalidRequestException(
                      "trigger.after[" + index + "].plan",
                      "would make a cycle: " + String.join(" → ", cycle)));
            });
  }

  /** Breadth first along the chains; the first upstream plan reached, or empty. */
  private Mono<String> walk(
      List<String> frontier,
      Map<String, String> parent,
      Map<String, String> names,
      Set<String> upstream,
      int depth) {
    if (frontier.isEmpty() || depth >= MAX_DEPTH) {
      return Mono.empty();
    }
    return chains
        .startedBy(frontier)
        .collectList()
        .flatMap(
            found -> {
              List<String> next = new ArrayList<>();
              for (PlanDocument plan : found) {
                for (AfterPlan link : plan.plan().trigger().after()) {
                  if (frontier.contains(link.planId()) && !parent.containsKey(plan.id())) {
                    parent.put(plan.id(), link.planId());
                    names.put(plan.id(), plan.plan().name());
                    if (upstream.contains(plan.id())) {
                      return Mono.just(plan.id());
                    }
                    next.add(plan.id());
                  }
                }
              }
              return walk(next, parent, names, upstream, depth + 1);
            });
  }

  private static PlanRequest withIds(PlanRequest request, List<String> ids) {
    List<AfterPlanRequest> after = request.trigger().after();
    List<AfterPlanRequest> resolved = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      resolved.add(new AfterPlanRequest(ids.get(i), after.get(i).on()));
    }
    return new PlanRequest(
        request.name(),
        request.description(),
        request.tags(),
        request.source(),
        request.destination(),
        request.mode(),
        request.schedule(),
        request.revisions(),
        request.filters(),
        request.performance(),
        request.retries(),
        request.notifications(),
        request.encryption(),
        request.pool(),
        request.priority(),
        request.deletionGuard(),
        request.paused(),
        new TriggerRequest(resolved),
        request.hooks(),
        request.verify());
  }
}
