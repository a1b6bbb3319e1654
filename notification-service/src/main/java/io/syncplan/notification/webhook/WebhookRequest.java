package io.syncplan.notification.webhook;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpMethod;

/**
 * The exact bytes a webhook is sent, the ones its signature covers, with the headers that belong to
 * the format (ntfy takes its title and link as headers), and where they go: the webhook's URL, or
 * for pings the URL with the signal added ({@code /start}, {@code /fail}).
 */
record WebhookRequest(
    HttpMethod method,
    URI uri,
    byte[] body,
    String contentType,
    Map<String, String> formatHeaders) {

  /** A POST to the webhook's own URL. */
  static WebhookRequest post(
      URI uri, byte[] body, String contentType, Map<String, String> formatHeaders) {
    return new WebhookRequest(HttpMethod.POST, uri, body, contentType, formatHeaders);
  }
}
