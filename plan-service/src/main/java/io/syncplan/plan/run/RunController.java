package io.syncplan.plan.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.run.RunService.RunFilter;
import io.syncplan.plan.web.InvalidRequestException;
import io.syncplan.plan.web.PageResponse;
import io.syncplan.plan.web.PageWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Runs plans on demand, cancels them, and shows runs. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Runs")
class RunController {

  private final RunService runs;

  RunController(RunService runs) {
    this.runs = runs;
  }

  @PostMapping("/plans/{planId}/runs")
  @Operation(summary = "Run a plan now (priority HIGH unless given)")
  Mono<ResponseEntity<RunAccepted>> runNow(
      @PathVariable String planId, @Valid @RequestBody(required = false) RunNowRequest request) {
    return runs.runNow(planId, request == null ? RunNowRequest.DEFAULT : request)
        .map(RunController::accepted);
  }

  @PostMapping("/plans/{planId}/dry-run")
  @Operation(
      summary = "Show what a run would add, change and delete, changing nothing",
      description = "The run's changes list what rclone --dry-run reported.")
  Mono<ResponseEntity<RunAccepted>> dryRun(
      @PathVariable String planId, @Valid @RequestBody(required = false) RunNowRequest request) {
    String priority = request == null ? null : request.priority();
    return runs.runNow(planId, new RunNowRequest(priority, true)).map(RunController::accepted);
  }

  @PostMapping("/plans/{planId}/resync")
  @Operation(
      summary = "Resync a BISYNC plan, or preview what a resync would do (?preview=true)",
      description =
          "Rebuilds the state of a BISYNC plan that needs a resync (its runs are refused until"
              + " then): every file either side has ends on both, nothing is deleted, and of a"
              + " file both sides hold in different versions the newer wins while the older is"
              + " kept in its side's history. With preview=true it is a dry run: the run's"
              + " changes.resync lists what would be copied to each side and what would be"
              + " replaced, changing nothing. Follow the run at the returned location. Operator"
              + " role. 409 for a plan of another mode.")
  Mono<ResponseEntity<RunAccepted>> resync(
      @PathVariable String planId,
      @Parameter(
              description = "true: a dry run that only lists what the resync would do",
              schema =
                  @Schema(
                      allowableValues = {"true", "false"},
                      defaultValue = "false"))
          @RequestParam(name = "preview", required = false)
          String preview) {
    return runs.resync(planId, previewRequested(preview)).map(RunController::accepted);
  }

  @PostMapping("/plans/{planId}/cancel")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Cancel the plan's active run")
  Mono<Map<String, List<String>>> cancelActive(@PathVariable String planId) {
    return runs.cancelActive(planId).map(runIds -> Map.of("cancelRequested", runIds));
  }

  @PostMapping("/runs/{runId}/cancel")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @Operation(summary = "Cancel a run")
  Mono<RunResponse> cancel(@PathVariable String runId) {
    return runs.cancelRun(runId).map(RunResponse::of);
  }

  @GetMapping("/runs/{runId}")
  @Operation(summary = "A run: status, stats, attempts, errors")
  Mono<RunResponse> get(@PathVariable String runId) {
    return runs.get(runId).map(RunResponse::of);
  }

  @GetMapping("/plans/{planId}/runs")
  @Operation(summary = "The plan's runs, newest first")
  Mono<PageResponse<RunResponse>> ofPlan(
      @PathVariable String planId,
      @RequestParam(required = false) @Size(max = 7) List<RunStatus> status,
      @Parameter(description = "requested at or after")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @Parameter(description = "requested before")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return runs.requirePlan(planId).then(list(new RunFilter(planId, status, from, to), page, size));
  }

  @GetMapping("/runs")
  @Operation(summary = "Runs of all plans, newest first")
  Mono<PageResponse<RunResponse>> all(
      @RequestParam(required = false) @Size(max = 100) String planId,
      @RequestParam(required = false) @Size(max = 7) List<RunStatus> status,
      @Parameter(description = "requested at or after")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @Parameter(description = "requested before")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    return list(new RunFilter(planId, status, from, to), page, size);
  }

  private Mono<PageResponse<RunResponse>> list(RunFilter filter, int page, int size) {
    PageWindow.check(page, size);
    return PageResponse.of(
        runs.find(filter, page, size).map(RunResponse::of), page, size, runs.count(filter));
  }

  private static boolean previewRequested(String preview) {
    if (preview == null || preview.equals("false")) {
      return false;
    }
    if (preview.equals("true")) {
      return true;
    }
    throw new InvalidRequestException("preview", "must be true or false");
  }

  static ResponseEntity<RunAccepted> accepted(RunDocument run) {
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/runs/" + run.runId()))
        .body(RunAccepted.of(run));
  }
}
