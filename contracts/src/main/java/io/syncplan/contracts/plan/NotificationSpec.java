package io.syncplan.contracts.plan;

import java.util.List;

/** Who hears about a plan's runs. */
public record NotificationSpec(List<EmailTarget> emails, List<WebhookTarget> webhooks) {

  public static final NotificationSpec NONE = new NotificationSpec(List.of(), List.of());

  public NotificationSpec {
    emails = emails == null ? List.of() : List.copyOf(emails);
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
  }
}
