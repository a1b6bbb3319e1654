package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.plan.plan.PlanChains.PlanChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A plan's place in chains: the plans whose runs start it, and the plans its runs start. */
@RestController
@RequestMapping("/api/v1/plans")
@Tag(name = "Plans")
class PlanChainController {

  private final PlanService plans;
  private final PlanChains chains;

  PlanChainController(PlanService plans, PlanChains chains) {
    this.plans = plans;
    this.chains = chains;
  }

  @GetMapping("/{id}/chain")
  @Operation(
      summary = "The plans whose runs start this plan (after) and the plans its runs start",
      description =
          "Each with its current name (null for a plan deleted since) and the run outcomes that"
              + " start the next plan.")
  Mono<PlanChain> chain(@PathVariable String id) {
    return plans.get(id).flatMap(chains::of);
  }
}
