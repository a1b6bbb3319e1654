package io.syncplan.plan.plan;

import io.syncplan.plan.web.SafePath;
import jakarta.validation.constraints.NotNull;

/** One side of a plan: for now an absolute local path on the executor's machine. */
public record EndpointRequest(@NotNull @SafePath String path) {}
