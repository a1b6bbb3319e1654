package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * Writes the destination through an rclone crypt remote. Write-only: left out on a replace, the
 * plan keeps the password and salt it has.
 */
record EncryptionRequest(
    @Schema(description = "crypt password; write-only", example = "correct horse battery staple")
        @Size(min = 8, max = 1000)
        String password,
    @Schema(description = "optional second password (salt); write-only") @Size(max = 1000)
        String salt) {}
