package io.syncplan.support.webhook;

import io.syncplan.contracts.plan.WebhookUrlRules;
import java.net.URI;
import java.util.Optional;

/**
 * Which webhook and HTTP hook URLs are sent to: absolute http and https URLs with a host, nothing
 * else.
 */
public final class WebhookUrls {

  private WebhookUrls() {}

  /**
   * The URI to send to, or empty when the URL is not an http or https URL: the rule plan-service
   * validates webhooks by, {@link WebhookUrlRules#httpUri}.
   */
  public static Optional<URI> parse(String url) {
    return WebhookUrlRules.httpUri(url);
  }

  /**
   * An error message with the URL's path and query cut out: a Slack or Discord URL carries its
   * credential there.
   */
  public static String scrub(String message, URI uri) {
    if (message == null) {
      return null;
    }
    String scrubbed = message.replace(uri.toString(), uri.getScheme() + "://" + uri.getAuthority());
    String path = uri.getRawPath();
    if (path != null && path.length() > 1) {
      scrubbed = scrubbed.replace(path, "/…");
    }
    if (uri.getRawQuery() != null) {
      scrubbed = scrubbed.replace(uri.getRawQuery(), "…");
    }
    return scrubbed;
  }
}
