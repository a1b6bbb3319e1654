package io.syncplan.contracts.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secrets with AES-256-GCM. Every service that must read a secret (the executor for
 * storage credentials and crypt passwords, notifications for webhook secrets) is given the same
 * key, from configuration or a Kubernetes Secret.
 */
public final class SecretCipher {

  private static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param base64Key 32 random bytes, base64-encoded (for example {@code openssl rand -base64 32})
   */
  public SecretCipher(String base64Key) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the secret key must be base64", e);
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException(
          "the secret key must be 32 bytes (base64 of `openssl rand -base64 32`), got "
              + raw.length);
    }
    this.key = new SecretKeySpec(raw, "AES");
  }

  /** A new random key, base64-encoded. */
  public static String generateKey() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  public SealedSecret seal(String plaintext) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return new SealedSecret(PREFIX + Base64.getEncoder().encodeToString(out));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The plaintext; throws {@link IllegalArgumentException} if it was sealed with another key. */
  public String open(SealedSecret secret) {
    String text = secret.ciphertext();
    if (!text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a sealed secret");
    }
    try {
      byte[] in = Base64.getDecoder().decode(text.substring(PREFIX.length()));
      if (in.length <= IV_BYTES) {
        throw new IllegalArgumentException("sealed secret is truncated");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the secret cannot be opened with this key", e);
    }
  }
}
