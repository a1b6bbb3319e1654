package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Stops a mirror from deleting most of its destination: a run that would delete more than
 * maxDeletePercent of the destination's files (when it holds at least minFiles) deletes nothing.
 * For a BISYNC plan, checkAccess runs it only while both sides hold the marker file RCLONE_TEST.
 */
record DeletionGuardRequest(
    @Schema(defaultValue = "true") Boolean enabled,
    @Schema(defaultValue = "50") @Min(0) @Max(100) Integer maxDeletePercent,
    @Schema(defaultValue = "10") @Min(0) @Max(PlanLimits.MAX_MIN_FILES) Integer minFiles,
    @Schema(
            defaultValue = "false",
            description =
                "BISYNC only: run only while both sides hold the marker file RCLONE_TEST at the"
                    + " same paths (rclone's --check-access), so that an unmounted side is never"
                    + " taken for an emptied one")
        Boolean checkAccess) {}
