package io.syncplan.plan.plan;

import io.syncplan.plan.web.HttpUrl;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A webhook that gets a POST for every finished run. */
public record WebhookRequest(@NotNull @Size(max = 2048) @HttpUrl String url) {}
