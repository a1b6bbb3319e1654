package io.syncplan.notification.webhook;

import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.notification.channel.WebhookChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A webhook's URL, header values and signing secret, opened for the one request being made and
 * dropped with it.
 *
 * @param secret null for unsigned deliveries
 */
record OpenedWebhook(String url, Map<String, String> headers, String secret) {

  /**
   * @throws RuntimeException when a value cannot be opened with this key
   */
  static OpenedWebhook of(WebhookChannel webhook, SecretCipher cipher) {
    Map<String, String> headers = new LinkedHashMap<>();
    webhook.headers().forEach((name, value) -> headers.put(name, value.open(cipher)));
    return new OpenedWebhook(
        webhook.url().open(cipher),
        headers,
        webhook.secret() == null ? null : webhook.secret().open(cipher));
  }

  @Override
  public String toString() {
    return "OpenedWebhook[***]";
  }
}
