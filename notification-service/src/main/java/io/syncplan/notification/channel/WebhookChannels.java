package io.syncplan.notification.channel;

import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Webhook channels from what plans and configuration say. */
public final class WebhookChannels {

  private WebhookChannels() {}

  /** The channel of a plan's webhook: sealed as plan-service publishes it, or clear from 0.1. */
  public static WebhookChannel of(String planId, WebhookTarget webhook) {
    WebhookSecret url =
        webhook.inClear()
            ? new WebhookSecret.Configured(webhook.url())
            : new WebhookSecret.Sealed(webhook.sealedUrl(), SecretContext.webhookUrl(planId));
    Map<String, WebhookSecret> headers =
        webhook.inClear() ? configured(webhook.headers()) : sealed(planId, webhook.sealedHeaders());
    return new WebhookChannel(
        ChannelIds.webhook(webhook.host(), webhook.fingerprint()),
        url,
        webhook.format(),
        headers,
        webhook.secret() == null
            ? null
            : new WebhookSecret.Sealed(webhook.secret(), SecretContext.webhookSecret(planId)));
  }

  static Map<String, WebhookSecret> configured(Map<String, String> values) {
    Map<String, WebhookSecret> headers = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((name, value) -> headers.put(name, new WebhookSecret.Configured(value)));
    }
    return headers;
  }

  private static Map<String, WebhookSecret> sealed(
      String planId, Map<String, SealedSecret> values) {
    Map<String, WebhookSecret> headers = new LinkedHashMap<>();
    values.forEach(
        (name, value) ->
            headers.put(
                name, new WebhookSecret.Sealed(value, SecretContext.webhookHeader(planId, name))));
    return headers;
  }
}
