package io.syncplan.plan.revision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.syncplan.contracts.run.RestoreRules;
import io.syncplan.plan.plan.PlanService;
import io.syncplan.plan.web.InvalidRequestException;
import io.syncplan.plan.web.NotFoundException;
import io.syncplan.plan.web.PageResponse;
import io.syncplan.plan.web.PageWindow;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Browsing a plan's history from the revision index (never by listing the storage): its revision
 * folders, what one holds, and every kept version of one path. Sizes and names are as the plan's
 * encryption shows them, in clear.
 */
@RestController
@RequestMapping("/api/v1/plans/{planId}")
@Tag(name = "Restores")
class RevisionBrowseController {

  private final PlanService plans;
  private final RevisionIndex index;
  private final RevisionFiles files;
  private final CurrentVersions current;

  RevisionBrowseController(
      PlanService plans, RevisionIndex index, RevisionFiles files, CurrentVersions current) {
    this.plans = plans;
    this.index = index;
    this.files = files;
    this.current = current;
  }

  @GetMapping("/revisions")
  @Operation(
      summary = "The plan's revision folders, newest first",
      description =
          "Each with the instant it stands for, the run that made it, and its files and bytes.")
  Mono<PageResponse<RevisionResponse>> revisions(
      @PathVariable String planId,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
    PageWindow.check(page, size);
    return plans
        .get(planId)
        .then(
            PageResponse.of(
                index.revisions(planId, page, size).map(RevisionResponse::of),
                page,
                size,
                index.countRevisions(planId)));
  }

  @GetMapping("/revisions/{revision}/files")
  @Operation(
      summary = "What one revision folder holds, in path order",
      description = "path narrows the list to one file or folder, relative to the destination.")
  Mono<PageResponse<RevisionFileResponse>> files(
      @PathVariable String planId,
      @PathVariable String revision,
      @RequestParam(required = false) @Size(max = 4096) String path,
      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
    PageWindow.check(page, size);
    String below = checkedPath(path, false);
    String revisionProblem = RestoreRules.revisionProblem(revision);
    if (revisionProblem != null) {
      throw new InvalidRequestException("revision", revisionProblem);
    }
    return plans
        .get(planId)
        .then(index.revision(planId, revision))
        .switchIfEmpty(Mono.error(() -> new NotFoundException("revision", revision)))
        .flatMap(folder -> files.page(folder, below, page, size))
        .map(listing -> new PageResponse<>(listing.items(), page, size, listing.total()));
  }

  @PostMapping("/revisions/index")
  @Operation(
      summary = "Index the plan's whole history again",
      description =
          "An executor of the plan's pool lists every revision folder and reports what each holds;"
              + " folders no longer there leave the index. For a history made before the index"
              + " existed, or changed by hand. Operator role; 202 with the request id.")
  Mono<ResponseEntity<Map<String, String>>> reindex(@PathVariable String planId) {
    return plans
        .get(planId)
        .flatMap(plan -> index.requestFullIndex(plan.plan()))
        .map(requestId -> ResponseEntity.accepted().body(Map.of("requestId", requestId)));
  }

  @GetMapping("/versions")
  @Operation(
      summary = "Every version of one file: the current one and each kept, newest first",
      description =
          "current: what the destination holds now, as an executor of the plan's pool sees it"
              + " (status UNKNOWN when none answers in time). kept: each version a revision"
              + " folder keeps, with its size, modification time and the run that replaced or"
              + " deleted it (the one that made the folder).")
  Mono<VersionsResponse> versions(
      @PathVariable String planId, @RequestParam @Size(max = 4096) String path) {
    String file = checkedPath(path, true);
    return plans
        .get(planId)
        .flatMap(
            plan ->
                Mono.zip(
                    current
                        .ask(plan.plan(), file)
                        .map(VersionsResponse.Current::of)
                        .defaultIfEmpty(VersionsResponse.Current.UNKNOWN),
                    files.versions(planId, file).collectList(),
                    (now, kept) -> new VersionsResponse(planId, file, now, kept)));
  }

  private static String checkedPath(String path, boolean required) {
    String normalized = RestoreRules.normalize(path);
    if (required && normalized.isEmpty()) {
      throw new InvalidRequestException("path", "must name a file");
    }
    String problem = RestoreRules.pathProblem(normalized);
    if (problem != null) {
      throw new InvalidRequestException("path", problem);
    }
    return normalized;
  }
}
