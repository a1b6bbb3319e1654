package io.syncplan.support.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook request, or an HTTP hook's, so its receiver can tell it came from syncplan and
 * was not replayed: {@code X-Syncplan-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." +
 * body)>}, where timestamp is the {@code X-Syncplan-Timestamp} header (Unix seconds).
 */
public final class WebhookSigner {

  public static final String SIGNATURE_HEADER = "X-Syncplan-Signature";
  public static final String TIMESTAMP_HEADER = "X-Syncplan-Timestamp";

  /** Headers a webhook's or hook's own headers may not replace. */
  private static final Set<String> RESERVED =
      Set.of(
          "content-type",
          "content-length",
          "host",
          "transfer-encoding",
          "connection",
          "idempotency-key");

  private WebhookSigner() {}

  /**
   * Whether a header is one syncplan sets itself (the content's, the connection's, the idempotency
   * key, every {@code X-Syncplan-*}), which a receiver's own headers do not replace.
   */
  public static boolean reserved(String headerName) {
    String lower = headerName.toLowerCase(Locale.ROOT);
    return RESERVED.contains(lower) || lower.startsWith("x-syncplan-");
  }

  public static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
