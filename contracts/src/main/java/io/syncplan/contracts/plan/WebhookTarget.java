package io.syncplan.contracts.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.syncplan.contracts.secret.SealedSecret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A webhook of a plan. Its URL and header values are credentials (Slack and Discord put theirs in
 * the URL), so they travel sealed like every other secret; in clear are only {@code host} and
 * {@code fingerprint}, which is what events and the API show of a webhook.
 *
 * @param url the URL in clear, as syncplan 0.1 published it; read for compatibility, never written
 *     any more
 * @param on the outcomes it wants; empty means every finished run
 * @param headers header values in clear, as syncplan 0.1 published them; read, never written
 * @param secret signs each delivery; sealed
 * @param sealedUrl the URL, sealed
 * @param sealedHeaders the values of the headers sent with every delivery, by header name, sealed
 * @param host the host of the URL, with its port when the URL names one
 * @param fingerprint tells two webhooks of one host apart without revealing their URLs: the first
 *     12 hex digits of the SHA-256 of the URL
 */
public record WebhookTarget(
    String url,
    Set<Outcome> on,
    WebhookFormat format,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> headers,
    SealedSecret secret,
    SealedSecret sealedUrl,
    Map<String, SealedSecret> sealedHeaders,
    String host,
    String fingerprint) {

  private static final int FINGERPRINT_CHARS = 12;

  public WebhookTarget {
    if (url == null && sealedUrl == null) {
      throw new NullPointerException("url");
    }
    on = on == null ? Set.of() : Set.copyOf(on);
    format = format == null ? WebhookFormat.JSON : format;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    sealedHeaders = sealedHeaders == null ? Map.of() : Map.copyOf(sealedHeaders);
    if (url != null) {
      host = host == null ? hostOf(url) : host;
      fingerprint = fingerprint == null ? fingerprintOf(url) : fingerprint;
    }
  }

  /** A webhook whose URL and header values are sealed, as plan-service publishes it. */
  public static WebhookTarget sealed(
      String url,
      SealedSecret sealedUrl,
      Set<Outcome> on,
      WebhookFormat format,
      Map<String, SealedSecret> sealedHeaders,
      SealedSecret secret) {
    return new WebhookTarget(
        null, on, format, null, secret, sealedUrl, sealedHeaders, hostOf(url), fingerprintOf(url));
  }

  /** Whether this came from a publisher that sent the URL in clear. */
  public boolean inClear() {
    return sealedUrl == null;
  }

  /** The names of the headers sent with every delivery. */
  public Set<String> headerNames() {
    return inClear() ? headers.keySet() : sealedHeaders.keySet();
  }

  /** The host of a URL, with its port when it names one; {@code invalid} for no URL. */
  public static String hostOf(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getHost() == null) {
        return "invalid";
      }
      return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      return "invalid";
    }
  }

  /** The first 12 hex digits of the SHA-256 of a URL. */
  public static String fingerprintOf(String url) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
