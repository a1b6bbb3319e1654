package io.syncplan.contracts.signature;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys for command signatures (the JDK's own), read from base64 DER or PEM text as {@code
 * openssl} writes them:
 *
 * <pre>
 * openssl genpkey -algorithm ed25519 -out signing.pem
 * openssl pkey -in signing.pem -outform DER | base64 | tr -d '\n'          # the private key
 * openssl pkey -in signing.pem -pubout -outform DER | base64 | tr -d '\n'  # the public key
 * </pre>
 *
 * Or run this class: it prints a new pair.
 */
public final class SigningKeys {

  static final String ALGORITHM = "Ed25519";

  private SigningKeys() {}

  /** A PKCS#8 private key, as base64 DER or PEM. */
  public static PrivateKey privateKey(String text) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(text)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not an Ed25519 private key (PKCS#8, base64 DER or PEM): " + e.getMessage(), e);
    }
  }

  /** An X.509 public key, as base64 DER or PEM. */
  public static PublicKey publicKey(String text) {
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(text)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not an Ed25519 public key (X.509, base64 DER or PEM): " + e.getMessage(), e);
    }
  }

  /** A new key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JDK", e);
    }
  }

  /** The key as base64 DER, the form the settings take. */
  public static String text(java.security.Key key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Prints a new key pair: the private key for the signers, the public key for the executors. */
  public static void main(String[] args) {
    KeyPair pair = generate();
    System.out.println("SYNCPLAN_COMMAND_SIGNING_PRIVATE_KEY=" + text(pair.getPrivate()));
    System.out.println("SYNCPLAN_COMMAND_SIGNING_TRUSTED_KEYS=" + text(pair.getPublic()));
  }

  private static byte[] der(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty");
    }
    String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
