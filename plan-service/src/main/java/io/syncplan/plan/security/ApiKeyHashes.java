package io.syncplan.plan.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an API key is stored: HMAC-SHA256, under the server-side pepper, of the key's SHA-256. A copy
 * of the store alone (a backup, a replica) is not enough to test guesses against it.
 *
 * <p>The inner SHA-256 is what syncplan 0.1 stored; hashing it again under the pepper lets {@link
 * ApiKeyHashUpgrade} move every stored key to this scheme without knowing the keys.
 */
final class ApiKeyHashes {

  /** The value of {@code hashScheme} of keys stored this way; older keys have none. */
  static final String SCHEME = "hmac-sha256";

  private final SecretKeySpec pepper;

  ApiKeyHashes(String pepper) {
    this.pepper = new SecretKeySpec(pepper.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The stored form of a key. */
  String of(String key) {
    return peppered(sha256(key));
  }

  /** The stored form of a key stored by syncplan 0.1 as its SHA-256. */
  String peppered(String sha256Hex) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(pepper);
      return HexFormat.of().formatHex(mac.doFinal(sha256Hex.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String sha256(String key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
