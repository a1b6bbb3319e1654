package io.syncplan.plan.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Who hears about a plan's runs. */
public record NotificationsRequest(
    @Size(max = 20) List<@Valid EmailRequest> emails,
    @Size(max = 20) List<@Valid WebhookRequest> webhooks) {}
