package io.syncplan.contracts.signature;

import io.syncplan.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;

/**
 * Signatures of the records on executor command topics. plan-service and the scheduler sign every
 * command they send with their private key; executors accept a command only with a signature one of
 * their trusted public keys verifies. A signature covers the topic and the record's value, so a
 * command can neither be changed nor moved to another pool's topic. It travels in the record header
 * {@value #HEADER}, as base64.
 */
public final class CommandSignatures {

  /** The record header holding the signature. */
  public static final String HEADER = "syncplan-signature";

  private static final byte[] DOMAIN = "syncplan-command/1\n".getBytes(StandardCharsets.UTF_8);

  private CommandSignatures() {}

  /** True for the topics whose records are signed: every pool's command topic. */
  public static boolean covers(String topic) {
    return topic != null
        && topic.startsWith(Topics.COMMANDS_PREFIX)
        && Topics.isValidPool(topic.substring(Topics.COMMANDS_PREFIX.length()));
  }

  /** The header value signing a record's value on the topic. */
  public static byte[] sign(PrivateKey key, String topic, byte[] value) {
    try {
      Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
      signature.initSign(key);
      update(signature, topic, value);
      return Base64.getEncoder().encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a command: " + e.getMessage(), e);
    }
  }

  /**
   * Why the record is not a signed command, or null when one of the keys verifies its signature.
   */
  public static String problem(List<PublicKey> trusted, String topic, byte[] value, byte[] header) {
    if (header == null) {
      return "it carries no signature (" + HEADER + ")";
    }
    byte[] signed;
    try {
      signed = Base64.getDecoder().decode(header);
    } catch (IllegalArgumentException e) {
      return "its signature is not base64";
    }
    for (PublicKey key : trusted) {
      try {
        Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
        signature.initVerify(key);
        update(signature, topic, value);
        if (signature.verify(signed)) {
          return null;
        }
      } catch (GeneralSecurityException e) {
        // a malformed signature does not verify under this key; try the next one
      }
    }
    return "no trusted key verifies its signature";
  }

  private static void update(Signature signature, String topic, byte[] value)
      throws GeneralSecurityException {
    signature.update(DOMAIN);
    signature.update(topic.getBytes(StandardCharsets.UTF_8));
    signature.update((byte) '\n');
    signature.update(value);
  }
}
