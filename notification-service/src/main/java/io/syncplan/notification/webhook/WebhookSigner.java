package io.syncplan.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a webhook request so its receiver can tell it came from syncplan and was not replayed:
 * {@code X-Syncplan-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, where
 * timestamp is the {@code X-Syncplan-Timestamp} header (Unix seconds).
 */
final class WebhookSigner {

  static final String SIGNATURE_HEADER = "X-Syncplan-Signature";
  static final String TIMESTAMP_HEADER = "X-Syncplan-Timestamp";

  private WebhookSigner() {}

  static String sign(String secret, long timestamp, byte[] body) {
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
