package io.syncplan.plan.plan;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drops what every feature keeps about a deleted plan ({@link PlanData}), once the plan is marked
 * deleted. A feature that fails to is logged and does not undo the deletion: what it kept can no
 * longer be reached through the API, whose every read of a plan's data asks for the live plan
 * first. The features are looked up when a plan is deleted, not when this is made, because some of
 * them need {@link PlanService} themselves.
 */
@Component
class PlanDataRemoval {

  private static final Logger log = LoggerFactory.getLogger(PlanDataRemoval.class);

  private final ObjectProvider<PlanData> features;

  PlanDataRemoval(ObjectProvider<PlanData> features) {
    this.features = features;
  }

  Mono<Void> forget(String planId) {
    return Flux.fromStream(features::orderedStream)
        .concatMap(
            feature ->
                feature
                    .forget(planId)
                    .onErrorResume(
                        e -> {
                          log.warn(
                              "Data of deleted plan {} kept by {} not removed: {}",
                              planId,
                              feature.getClass().getSimpleName(),
                              e.toString());
                          return Mono.empty();
                        }))
        .then();
  }
}
