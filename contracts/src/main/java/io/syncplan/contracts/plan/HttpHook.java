package io.syncplan.contracts.plan;

import io.syncplan.contracts.secret.SealedSecret;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP action of a hook: a request with the run's webhook body (docs/notifications.md, payload
 * version 1), signed like a webhook's. Its URL may hold a credential (as Slack's do), so the URL,
 * the header values and the signing secret travel sealed for the plan's pool, whose executors open
 * them only to make the request; in clear are only {@code host} and {@code fingerprint}, as for
 * webhooks ({@link WebhookTarget#hostOf}, {@link WebhookTarget#fingerprintOf}).
 *
 * @param method one of {@link #METHODS}
 * @param sealedUrl the URL, sealed ({@code SecretContext.hookUrl})
 * @param sealedHeaders the values of the headers sent with the request, by header name, sealed
 * @param secret signs the request, sealed; null for an unsigned request
 * @param host the host of the URL, with its port when the URL names one
 * @param fingerprint the first 12 hex digits of the SHA-256 of the URL
 */
public record HttpHook(
    String method,
    SealedSecret sealedUrl,
    Map<String, SealedSecret> sealedHeaders,
    SealedSecret secret,
    String host,
    String fingerprint) {

  /**
   * The methods a hook may use: each request carries the run's body, which GET and DELETE do not
   * carry reliably (and a signature over nothing would vouch for nothing).
   */
  public static final Set<String> METHODS = Set.of("POST", "PUT");

  public HttpHook {
    method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
    Objects.requireNonNull(sealedUrl, "sealedUrl");
    sealedHeaders = sealedHeaders == null ? Map.of() : Map.copyOf(sealedHeaders);
  }

  /** An HTTP action whose host and fingerprint are taken from its URL in clear. */
  public static HttpHook sealed(
      String method,
      String url,
      SealedSecret sealedUrl,
      Map<String, SealedSecret> sealedHeaders,
      SealedSecret secret) {
    return new HttpHook(
        method,
        sealedUrl,
        sealedHeaders,
        secret,
        WebhookTarget.hostOf(url),
        WebhookTarget.fingerprintOf(url));
  }

  /** What runs and logs show of it: {@code POST hooks.example.com#1a2b3c4d5e6f}. */
  public String label() {
    return method + " " + host + "#" + fingerprint;
  }
}
