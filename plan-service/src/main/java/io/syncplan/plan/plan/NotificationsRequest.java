package io.syncplan.plan.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Who hears about a plan's runs. */
record NotificationsRequest(
    @Size(max = PlanLimits.EMAILS) List<@NotNull @Valid EmailRequest> emails,
    @Size(max = PlanLimits.WEBHOOKS) List<@NotNull @Valid WebhookRequest> webhooks) {}
