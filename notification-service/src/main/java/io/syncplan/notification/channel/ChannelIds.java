package io.syncplan.notification.channel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Names for channels that are safe to log and publish. */
public final class ChannelIds {

  private static final int HASH_CHARS = 12;

  private ChannelIds() {}

  /**
   * {@code webhook:<host[:port]>#<12 hex digits of the URL's SHA-256>}: tells two webhooks on one
   * host apart without revealing a path or query that may hold a token.
   */
  public static String webhook(String url) {
    return "webhook:" + host(url) + "#" + hash(url);
  }

  private static String host(String url) {
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

  private static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
