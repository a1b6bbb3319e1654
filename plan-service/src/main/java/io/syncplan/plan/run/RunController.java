package io.syncplan.plan.run;

import io.syncplan.plan.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Runs plans on demand and shows their runs. */
@RestController
@RequestMapping("/api/v1")
@Validated
class RunController {

  private final RunService runs;

  RunController(RunService runs) {
    this.runs = runs;
  }

  @PostMapping("/plans/{planId}/runs")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<RunAccepted> runNow(
      @PathVariable String planId, @Valid @RequestBody(required = false) RunNowRequest request) {
    return runs.runNow(planId, request == null ? RunNowRequest.DEFAULT : request)
        .map(RunAccepted::new);
  }

  @GetMapping("/runs/{runId}")
  Mono<RunResponse> get(@PathVariable String runId) {
    return runs.get(runId).map(RunResponse::of);
  }

  /** The plan's runs, newest first. */
  @GetMapping("/plans/{planId}/runs")
  Mono<PageResponse<RunResponse>> ofPlan(
      @PathVariable String planId,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return runs.ofPlan(planId, page, size)
        .map(RunResponse::of)
        .collectList()
        .zipWith(
            runs.countOfPlan(planId),
            (items, total) -> new PageResponse<>(items, page, size, total));
  }
}
