package io.syncplan.notification.channel;

import io.syncplan.contracts.plan.WebhookFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook receiver. Its URL may itself be a secret (Slack and Discord put the credential in it),
 * so it is never printed: {@link #toString()} and {@link #id()} show the host and a short hash.
 *
 * @param headers sent with every delivery, for example an API key the receiver wants
 * @param secret signs every delivery, or null for unsigned deliveries
 */
public record WebhookChannel(
    String url, WebhookFormat format, Map<String, String> headers, WebhookSecret secret)
    implements Channel {

  public WebhookChannel {
    Objects.requireNonNull(url, "url");
    format = format == null ? WebhookFormat.JSON : format;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  @Override
  public String id() {
    return ChannelIds.webhook(url);
  }

  @Override
  public String toString() {
    return "WebhookChannel[" + id() + ", " + format + "]";
  }
}
