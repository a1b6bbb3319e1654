package io.syncplan.executor.rclone;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * rclone's "obscure" encoding, which its config (and hence its {@code RCLONE_CONFIG_*} environment
 * variables) expects for password options such as sftp's {@code pass} or crypt's {@code password}.
 * It is not encryption: the key is fixed and published in rclone's source ({@code
 * fs/config/obscure}); it only keeps a password from being readable at a glance. Done here rather
 * than by {@code rclone obscure} so that a secret never has to pass through another process.
 */
public final class RcloneObscure {

  private static final byte[] KEY = {
    (byte) 0x9c, (byte) 0x93, (byte) 0x5b, (byte) 0x48, (byte) 0x73, (byte) 0x0a, (byte) 0x55,
    (byte) 0x4d, (byte) 0x6b, (byte) 0xfd, (byte) 0x7c, (byte) 0x63, (byte) 0xc8, (byte) 0x86,
    (byte) 0xa9, (byte) 0x2b, (byte) 0xd3, (byte) 0x90, (byte) 0x19, (byte) 0x8e, (byte) 0xb8,
    (byte) 0x12, (byte) 0x8a, (byte) 0xfb, (byte) 0xf4, (byte) 0xde, (byte) 0x16, (byte) 0x2b,
    (byte) 0x8b, (byte) 0x95, (byte) 0xf6, (byte) 0x38
  };
  private static final int IV_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private RcloneObscure() {}

  /** AES-256-CTR under rclone's fixed key with a random IV, as unpadded URL-safe base64. */
  public static String obscure(String plaintext) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[IV_BYTES + plain.length];
    System.arraycopy(iv, 0, out, 0, IV_BYTES);
    System.arraycopy(crypt(plain, iv), 0, out, IV_BYTES, plain.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }

  /** The reverse of {@link #obscure}, as {@code rclone reveal} does it. */
  public static String reveal(String obscured) {
    byte[] in = Base64.getUrlDecoder().decode(obscured);
    if (in.length < IV_BYTES) {
      throw new IllegalArgumentException("not an obscured value");
    }
    byte[] iv = new byte[IV_BYTES];
    System.arraycopy(in, 0, iv, 0, IV_BYTES);
    byte[] cipher = new byte[in.length - IV_BYTES];
    System.arraycopy(in, IV_BYTES, cipher, 0, cipher.length);
    return new String(crypt(cipher, iv), StandardCharsets.UTF_8);
  }

  private static byte[] crypt(byte[] input, byte[] iv) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(iv));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CTR is not available", e);
    }
  }
}
