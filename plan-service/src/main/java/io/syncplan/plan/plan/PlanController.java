package io.syncplan.plan.plan;

import io.syncplan.plan.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Creates and reads sync plans. */
@RestController
@RequestMapping("/api/v1/plans")
@Validated
class PlanController {

  private final PlanService plans;

  PlanController(PlanService plans) {
    this.plans = plans;
  }

  @PostMapping
  Mono<ResponseEntity<PlanResponse>> create(@Valid @RequestBody PlanRequest request) {
    return plans
        .create(request)
        .map(PlanResponse::of)
        .map(plan -> ResponseEntity.created(URI.create("/api/v1/plans/" + plan.id())).body(plan));
  }

  @GetMapping("/{id}")
  Mono<PlanResponse> get(@PathVariable String id) {
    return plans.get(id).map(PlanResponse::of);
  }

  @GetMapping
  Mono<PageResponse<PlanResponse>> list(
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return plans
        .list(page, size)
        .map(PlanResponse::of)
        .collectList()
        .zipWith(plans.count(), (items, total) -> new PageResponse<>(items, page, size, total));
  }
}
