package io.syncplan.plan.revision;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Removing a MIRROR_WITH_REVISIONS plan's expired revisions now rather than at the next run. */
@RestController
@RequestMapping("/api/v1/plans/{planId}/revisions")
@Tag(name = "Plans")
class RevisionCleanupController {

  private final RevisionCleanups cleanups;

  RevisionCleanupController(RevisionCleanups cleanups) {
    this.cleanups = cleanups;
  }

  @PostMapping("/cleanup")
  @Operation(summary = "Remove the plan's expired revisions now")
  Mono<ResponseEntity<RevisionCleanupDocument>> cleanUp(@PathVariable String planId) {
    return cleanups
        .request(planId)
        .map(
            cleanup ->
                ResponseEntity.accepted()
                    .location(
                        URI.create(
                            "/api/v1/plans/"
                                + planId
                                + "/revisions/cleanups/"
                                + cleanup.requestId()))
                    .body(cleanup));
  }

  @GetMapping("/cleanups/{requestId}")
  @Operation(summary = "How a requested clean-up went")
  Mono<RevisionCleanupDocument> get(@PathVariable String planId, @PathVariable String requestId) {
    return cleanups.get(planId, requestId);
  }
}
