package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.plan.PlanDocument.InitState;
import io.syncplan.plan.plan.PlanFilter.PlanListStatus;
import io.syncplan.plan.web.ETags;
import io.syncplan.plan.web.PageResponse;
import io.syncplan.plan.web.PageWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Sync plans: create, read, list, replace, patch, delete, pause and resume; and apply by name for
 * GitOps. Every response with a plan carries its version as ETag; send it back as If-Match to make
 * a change only if nobody changed the plan since you read it.
 */
@RestController
@RequestMapping("/api/v1/plans")
@Tag(name = "Plans")
class PlanController {

  private final PlanService plans;
  private final PlanPatcher patcher;
  private final PlanCatalog catalog;

  PlanController(PlanService plans, PlanPatcher patcher, PlanCatalog catalog) {
    this.plans = plans;
    this.patcher = patcher;
    this.catalog = catalog;
  }

  @PostMapping
  @Operation(summary = "Create a plan")
  Mono<ResponseEntity<PlanResponse>> create(@Valid @RequestBody PlanRequest request) {
    return plans
        .create(request)
        .map(
            plan ->
                ResponseEntity.created(URI.create("/api/v1/plans/" + plan.id()))
                    .eTag(ETags.of(plan.plan().version()))
                    .body(PlanResponse.of(plan)));
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "Read a plan, with its initialisation state, last run and next run",
      description =
          "Served from this instance's view of the plans: a change made through another instance"
              + " shows within syncplan.api.plan-list-refresh (1s).")
  Mono<ResponseEntity<PlanResponse>> get(@PathVariable String id) {
    return catalog
        .find(id)
        .switchIfEmpty(Mono.defer(() -> plans.get(id).map(PlanResponse::of)))
        .map(plan -> ResponseEntity.ok().eTag(ETags.of(plan.version())).body(plan));
  }

  @GetMapping
  @Operation(summary = "List plans, filtered, sorted (by name unless asked) and paged")
  Mono<PageResponse<PlanSummary>> list(
      @Parameter(description = "plans carrying all of these tags")
          @RequestParam(required = false)
          @Size(max = 10)
          List<String> tag,
      @RequestParam(required = false) SyncMode mode,
      @Parameter(description = "ACTIVE or PAUSED") @RequestParam(required = false)
          PlanListStatus status,
      @Parameter(description = "PENDING, READY or INIT_FAILED") @RequestParam(required = false)
          InitState initialization,
      @RequestParam(required = false) RunStatus lastRunStatus,
      @Parameter(description = "part of the name, ignoring case")
          @RequestParam(required = false)
          @Size(max = 100)
          String q,
      @Parameter(description = "plans using this storage id")
          @RequestParam(required = false)
          @Size(max = 100)
          String storage,
      @RequestParam(required = false) @Size(max = 63) String pool,
      @Parameter(description = "HEALTHY, FAILING, OUT_OF_SYNC, PAUSED or NEEDS_RESYNC; any of them")
          @RequestParam(required = false)
          @Size(max = 5)
          List<PlanHealth> state,
      @Parameter(
              description =
                  "name (default), lastRun, nextRun or state; ',desc' for descending, e.g."
                      + " lastRun,desc")
          @RequestParam(required = false)
          @Size(max = 20)
          String sort,
      @Parameter(
              description =
                  "true: only BISYNC plans whose runs are refused until they are resynced;"
                      + " false: only the others")
          @RequestParam(required = false)
          Boolean needsResync,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    PageWindow.check(page, size);
    PlanSort order = PlanSort.parse(sort);
    return catalog.page(
        new PlanFilter(
            tag, mode, status, initialization, lastRunStatus, q, storage, pool, state, needsResync),
        order,
        page,
        size);
  }

  @GetMapping("/overview")
  @Operation(
      summary = "The plans at a glance: counts by state, recent failures, next runs, tags, pools",
      description = "Served from this instance's in-memory plan list, like the list.")
  Mono<PlanOverview> overview(@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit) {
    return catalog.overview(limit);
  }

  @PutMapping("/{id}")
  @Operation(summary = "Replace a plan; secrets left out are kept")
  Mono<ResponseEntity<PlanResponse>> replace(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @Valid @RequestBody PlanRequest request) {
    return plans.replace(id, request, ifMatch).map(PlanController::ok);
  }

  @PatchMapping(
      path = "/{id}",
      consumes = {"application/merge-patch+json", "application/json"})
  @Operation(summary = "Change some fields of a plan (JSON Merge Patch, RFC 7396)")
  Mono<ResponseEntity<PlanResponse>> patch(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestBody JsonNode patch) {
    return plans
        .patch(id, current -> patcher.patch(current, patch), ifMatch)
        .map(PlanController::ok);
  }

  @DeleteMapping("/{id}")
  @Operation(
      summary =
          "Delete a plan; the data at its destination is left alone unless"
              + " deleteDestinationData=true asks an executor of its pool to remove it (202)")
  Mono<ResponseEntity<DeletionAccepted>> delete(
      @PathVariable String id,
      @Parameter(
              description =
                  "true to remove everything at the plan's destination too (never the source)",
              schema =
                  @Schema(
                      allowableValues = {"true", "false"},
                      defaultValue = "false"))
          @RequestParam(name = "deleteDestinationData", required = false)
          String deleteDestinationData,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    boolean purge = DeletionAccepted.purgeRequested(deleteDestinationData);
    return plans
        .delete(id, ifMatch, purge)
        .thenReturn(
            purge
                ? ResponseEntity.accepted().body(DeletionAccepted.purging(id))
                : ResponseEntity.noContent().<DeletionAccepted>build());
  }

  @PostMapping("/{id}/pause")
  @Operation(summary = "Pause a plan: its schedule stops firing until it is resumed")
  Mono<ResponseEntity<PlanResponse>> pause(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return plans.setPaused(id, true, ifMatch).map(PlanController::ok);
  }

  @PostMapping("/{id}/resume")
  @Operation(summary = "Resume a paused plan")
  Mono<ResponseEntity<PlanResponse>> resume(
      @PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    return plans.setPaused(id, false, ifMatch).map(PlanController::ok);
  }

  @GetMapping("/by-name/{name}")
  @Operation(summary = "Read a plan by its name")
  Mono<ResponseEntity<PlanResponse>> getByName(@PathVariable String name) {
    return plans.getByName(name).map(PlanController::ok);
  }

  @PutMapping("/by-name/{name}")
  @Operation(
      summary = "Create or replace the plan with this name (GitOps apply)",
      description =
          "Idempotent: applying the same plan again changes nothing and publishes nothing. 201"
              + " when the plan was created, 200 otherwise.")
  Mono<ResponseEntity<PlanResponse>> apply(
      @PathVariable @Size(max = PlanLimits.NAME_LENGTH) String name,
      @Valid @RequestBody PlanRequest request) {
    return plans
        .apply(name, request)
        .map(
            applied ->
                ResponseEntity.status(applied.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .location(URI.create("/api/v1/plans/" + applied.plan().id()))
                    .eTag(ETags.of(applied.plan().plan().version()))
                    .body(PlanResponse.of(applied.plan())));
  }

  private static ResponseEntity<PlanResponse> ok(PlanDocument plan) {
    return ResponseEntity.ok().eTag(ETags.of(plan.plan().version())).body(PlanResponse.of(plan));
  }
}
