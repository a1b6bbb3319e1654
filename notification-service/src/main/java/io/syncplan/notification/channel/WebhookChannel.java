package io.syncplan.notification.channel;

import io.syncplan.contracts.plan.WebhookFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook receiver. Its URL and header values may be credentials (Slack and Discord put theirs in
 * the URL), so they stay sealed until a request is made; {@link #id()} and {@link #toString()} show
 * the host and a short fingerprint only.
 *
 * @param id {@code webhook:<host>#<fingerprint>}, see {@link ChannelIds#webhook(String, String)}
 * @param headers sent with every delivery, for example an API key the receiver wants
 * @param secret signs every delivery, or null for unsigned deliveries
 */
public record WebhookChannel(
    String id,
    WebhookSecret url,
    WebhookFormat format,
    Map<String, WebhookSecret> headers,
    WebhookSecret secret)
    implements Channel {

  public WebhookChannel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    format = format == null ? WebhookFormat.JSON : format;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** A webhook of this service's own configuration, its values in clear. */
  public static WebhookChannel configured(
      String url, WebhookFormat format, Map<String, String> headers, String secret) {
    return new WebhookChannel(
        ChannelIds.webhook(url),
        new WebhookSecret.Configured(url),
        format,
        WebhookChannels.configured(headers),
        secret == null || secret.isEmpty() ? null : new WebhookSecret.Configured(secret));
  }

  @Override
  public String toString() {
    return "WebhookChannel[" + id + ", " + format + "]";
  }
}
