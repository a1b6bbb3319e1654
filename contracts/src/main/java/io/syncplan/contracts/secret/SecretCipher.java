package io.syncplan.contracts.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens secrets with AES-256-GCM, bound to their owner and field ({@link SecretContext})
 * as associated data. A sealed secret names the key it was sealed with ({@code v2:<key id>:<iv and
 * ciphertext>}), so that keys can be rotated: the current key seals, previous keys still open.
 * Secrets a pool's executors open may be sealed with that pool's own key, so an agent given only
 * its pool's key opens only its pool's secrets.
 *
 * <p>Secrets sealed before associated data was used ({@code v1:}, one key, no associated data)
 * still open with any known key, until they are sealed again ({@code POST /api/v1/secrets/reseal}).
 */
public final class SecretCipher {

  private static final String V1 = "v1:";
  private static final String V2 = "v2:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Key current;
  private final Map<String, Key> byId = new LinkedHashMap<>();
  private final Map<String, Key> byPool = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /**
   * @param base64Key 32 random bytes, base64-encoded (for example {@code openssl rand -base64 32})
   */
  public SecretCipher(String base64Key) {
    this(base64Key, List.of(), Map.of());
  }

  /**
   * @param base64Key the current key: it seals, and opens
   * @param previousKeys keys secrets may still be sealed with: they only open
   * @param poolKeys per executor pool, the key that pool's secrets are sealed with instead
   */
  public SecretCipher(String base64Key, List<String> previousKeys, Map<String, String> poolKeys) {
    this.current = Key.of("the secret key", base64Key);
    byId.put(current.id(), current);
    for (String previous : previousKeys) {
      Key key = Key.of("a previous secret key", previous);
      byId.putIfAbsent(key.id(), key);
    }
    poolKeys.forEach(
        (pool, text) -> {
          Key key = Key.of("the secret key of pool " + pool, text);
          byPool.put(pool, key);
          byId.putIfAbsent(key.id(), key);
        });
  }

  /** A new random key, base64-encoded. */
  public static String generateKey() {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  /** The short id a sealed secret names its key by (not secret: a hash of the key). */
  public static String keyId(String base64Key) {
    return Key.of("the key", base64Key).id();
  }

  /** Seals with the current key. */
  public SealedSecret seal(String plaintext, SecretContext context) {
    return seal(current, plaintext, context);
  }

  /** Seals with the pool's own key, or the current key when the pool has none. */
  public SealedSecret sealForPool(String pool, String plaintext, SecretContext context) {
    return seal(keyFor(pool), plaintext, context);
  }

  /**
   * True when the secret is sealed, with associated data, under the key a pool's secrets are sealed
   * with now (the current key for a pool without its own, and for {@code pool} null).
   */
  public boolean sealedForPool(String pool, SealedSecret secret) {
    return secret.ciphertext().startsWith(V2 + keyFor(pool).id() + ":");
  }

  /**
   * The plaintext; throws {@link IllegalArgumentException} if no known key opens it for this owner
   * and field.
   */
  public String open(SealedSecret secret, SecretContext context) {
    String text = secret.ciphertext();
    if (text.startsWith(V2)) {
      int colon = text.indexOf(':', V2.length());
      if (colon < 0) {
        throw new IllegalArgumentException("not a sealed secret");
      }
      String id = text.substring(V2.length(), colon);
      Key key = byId.get(id);
      if (key == null) {
        throw new IllegalArgumentException(
            "the secret is sealed with a key this service does not have (key " + id + ")");
      }
      return open(key, decode(text.substring(colon + 1)), context.associatedData());
    }
    if (text.startsWith(V1)) {
      byte[] sealed = decode(text.substring(V1.length()));
      for (Key key : byId.values()) {
        try {
          return open(key, sealed, null);
        } catch (IllegalArgumentException e) {
          // sealed with another of the known keys
        }
      }
      throw new IllegalArgumentException(
          "the secret cannot be opened with any key this service has");
    }
    throw new IllegalArgumentException("not a sealed secret");
  }

  private Key keyFor(String pool) {
    return pool == null ? current : byPool.getOrDefault(pool, current);
  }

  private SealedSecret seal(Key key, String plaintext, SecretContext context) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(context.associatedData());
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
      return new SealedSecret(V2 + key.id() + ":" + Base64.getEncoder().encodeToString(out));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private static String open(Key key, byte[] in, byte[] associatedData) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      if (associatedData != null) {
        cipher.updateAAD(associatedData);
      }
      byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the secret cannot be opened: it was sealed with another key, or for another owner or"
              + " field",
          e);
    }
  }

  private static byte[] decode(String base64) {
    byte[] in;
    try {
      in = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a sealed secret", e);
    }
    if (in.length <= IV_BYTES) {
      throw new IllegalArgumentException("sealed secret is truncated");
    }
    return in;
  }

  /** A key and its id. */
  private record Key(String id, SecretKeySpec spec) {

    static Key of(String what, String base64Key) {
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(what + " must be base64", e);
      }
      if (raw.length != 32) {
        throw new IllegalArgumentException(
            what + " must be 32 bytes (base64 of `openssl rand -base64 32`), got " + raw.length);
      }
      return new Key(id(raw), new SecretKeySpec(raw, "AES"));
    }

    private static String id(byte[] raw) {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update("syncplan-key-id\n".getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(raw), 0, 4);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("SHA-256 is not available", e);
      }
    }
  }
}
