package io.syncplan.plan.run;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.plan.web.OneOf;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * The body of {@code POST /api/v1/plans/{id}/restores}.
 *
 * @param path a file or folder relative to the plan's destination; the whole tree when absent
 * @param asOf each file as it was at this instant; with neither asOf nor revision, the
 *     destination's current files
 * @param revision what one revision folder holds
 * @param target {@code "DESTINATION"} (the default), {@code "SOURCE"} (admins only), an absolute
 *     local path, or {@code {"storage": "id or name", "path": "..."}}
 * @param overwrite replace files the target has; false: they are skipped and reported
 * @param overwriteNewer with overwrite, also replace a file newer than the version brought back
 * @param dryRun report what would be restored, writing nothing
 */
record RestoreRequest(
    @Schema(example = "docs/report.txt") @Size(max = 4096) String path,
    @Schema(example = "2026-11-26T09:00:00Z") Instant asOf,
    @Schema(example = "2026-11-26T09-15-30.123Z") @Size(max = 64) String revision,
    @Schema(
            description =
                "DESTINATION (default), SOURCE (admin role), an absolute local path, or"
                    + " {\"storage\": \"id or name\", \"path\": \"...\"}",
            example = "/srv/restored",
            implementation = Object.class)
        Object target,
    Boolean overwrite,
    Boolean overwriteNewer,
    Boolean dryRun,
    @OneOf(Priority.class) String priority) {

  Priority priorityOrDefault() {
    return priority == null ? Priority.HIGH : Priority.valueOf(priority);
  }
}
