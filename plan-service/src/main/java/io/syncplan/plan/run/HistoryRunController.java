package io.syncplan.plan.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Restores and verifications: runs of their own kinds, followed like any run. */
@RestController
@RequestMapping("/api/v1/plans/{planId}")
@Tag(name = "Restores")
class HistoryRunController {

  private final HistoryRunService service;

  HistoryRunController(HistoryRunService service) {
    this.service = service;
  }

  @PostMapping("/restores")
  @Operation(
      summary = "Restore a file, a folder or the whole tree (a RESTORE run)",
      description =
          "As of an instant (asOf), of one revision folder (revision), or the destination's"
              + " current files (neither). A restore never deletes; without overwrite it never"
              + " replaces a file, reporting it skipped; a file it replaces at the plan's"
              + " destination first moves into the plan's history. target SOURCE needs the admin"
              + " role. Operator role. Follow the run at the returned location.")
  Mono<ResponseEntity<RunAccepted>> restore(
      @PathVariable String planId, @Valid @RequestBody RestoreRequest request) {
    return service.restore(planId, request).map(RunController::accepted);
  }

  @PostMapping("/verify")
  @Operation(
      summary = "Verify that the destination matches the source (a VERIFY run)",
      description =
          "method SIZE (existence and size), CHECKSUM (through encryption rclone cryptcheck) or"
              + " DOWNLOAD (byte for byte); the plan's verify method when absent. The run lists"
              + " matching, differing, missing and extra paths and ends SUCCEEDED when the two"
              + " sides match, PARTIAL when not. Operator role.")
  Mono<ResponseEntity<RunAccepted>> verify(
      @PathVariable String planId, @Valid @RequestBody(required = false) VerifyRequest request) {
    return service
        .verify(planId, request == null ? VerifyRequest.DEFAULT : request)
        .map(RunController::accepted);
  }
}
