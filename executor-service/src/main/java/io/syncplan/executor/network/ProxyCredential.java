package io.syncplan.executor.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The user and password rclone gives the vetting proxy: random for each executor process, so that
 * no other process on the machine can use the proxy to reach the networks the policy allows.
 */
final class ProxyCredential {

  static final String USER = "rclone";

  private final String password;
  private final byte[] expected;

  private ProxyCredential(String password) {
    this.password = password;
    String basic =
        Base64.getEncoder()
            .encodeToString((USER + ":" + password).getBytes(StandardCharsets.US_ASCII));
    this.expected = ("basic " + basic).getBytes(StandardCharsets.US_ASCII);
  }

  static ProxyCredential random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    // URL-safe without padding: it goes into a proxy URL without escaping
    return new ProxyCredential(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  String password() {
    return password;
  }

  /** Whether a {@code Proxy-Authorization} header carries this credential. */
  boolean admits(String proxyAuthorization) {
    if (proxyAuthorization == null) {
      return false;
    }
    String value = proxyAuthorization.strip();
    int space = value.indexOf(' ');
    if (space < 0) {
      return false;
    }
    // the scheme is case-insensitive, the credential is not
    String normalised = value.substring(0, space).toLowerCase(Locale.ROOT) + value.substring(space);
    return MessageDigest.isEqual(normalised.getBytes(StandardCharsets.US_ASCII), expected);
  }
}
