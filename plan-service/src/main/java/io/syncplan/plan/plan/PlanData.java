package io.syncplan.plan.plan;

import reactor.core.publisher.Mono;

/**
 * What another feature keeps about each plan beside the plan's own document (the revision index,
 * for one), which has no use once the plan is deleted. The feature implements this, so that the
 * plan feature drops it on deletion without knowing of it ({@link PlanDataRemoval}).
 */
public interface PlanData {

  /** Drops what is kept about the plan, which was just deleted. */
  Mono<Void> forget(String planId);
}
