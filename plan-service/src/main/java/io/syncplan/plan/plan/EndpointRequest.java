package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/**
 * One side of a plan: an absolute local path on the executor's machine, or a path on a storage
 * (named by its id or name; the path is then relative to the storage's root, or empty for the
 * root).
 */
@ValidEndpoint
record EndpointRequest(
    @Schema(description = "storage id or name; absent for a local path", example = "offsite-s3")
        @Size(max = 100)
        String storage,
    @Schema(example = "/data/docs") String path) {}
