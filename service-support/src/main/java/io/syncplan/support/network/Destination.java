package io.syncplan.support.network;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where an outbound request goes: a host (a name or an address) and a port, or {@link #ANY_PORT}
 * when the port is not known.
 */
public record Destination(String host, int port) {

  public static final int ANY_PORT = -1;

  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of("http", 80, "https", 443, "ftp", 21, "ftps", 990, "sftp", 22, "ssh", 22, "smb", 445);

  public Destination {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("a destination needs a host");
    }
    host = host.strip().toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (port != ANY_PORT && (port < 1 || port > 65535)) {
      throw new IllegalArgumentException("port " + port + " is not a port");
    }
  }

  /**
   * The destination of a URL with a host ({@code https://hooks.example.com/x}), if it has one. Read
   * leniently, as the most lenient client would, so that no URL escapes the check by being odd.
   */
  public static Optional<Destination> ofUrl(String url) {
    String text = url.strip();
    int separator = text.indexOf("://");
    if (separator <= 0) {
      return Optional.empty();
    }
    String scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
    String authority = text.substring(separator + 3);
    for (char end : new char[] {'/', '?', '#', '\\'}) {
      int at = authority.indexOf(end);
      if (at >= 0) {
        authority = authority.substring(0, at);
      }
    }
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    return hostAndPort(authority, DEFAULT_PORTS.getOrDefault(scheme, ANY_PORT));
  }

  /**
   * The destination a setting names: a URL, or {@code host}, {@code host:port}, {@code
   * [v6-address]:port}, each possibly after {@code user:password@}; {@code defaultPort} when it
   * names none.
   */
  public static Optional<Destination> parse(String value, int defaultPort) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    if (text.contains("://")) {
      return ofUrl(text)
          .map(d -> d.port == ANY_PORT ? new Destination(d.host, port(defaultPort)) : d);
    }
    int slash = text.indexOf('/');
    String authority = slash < 0 ? text : text.substring(0, slash);
    return hostAndPort(authority.substring(authority.lastIndexOf('@') + 1), defaultPort);
  }

  private static Optional<Destination> hostAndPort(String text, int defaultPort) {
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      port = rest.startsWith(":") ? rest.substring(1) : null;
    } else {
      int colon = text.indexOf(':');
      if (colon >= 0 && colon == text.lastIndexOf(':')) {
        host = text.substring(0, colon);
        port = text.substring(colon + 1);
      } else {
        // no colon, or an IPv6 address without brackets and so without a port
        host = text;
      }
    }
    if (host.isBlank()) {
      return Optional.empty();
    }
    int number = defaultPort;
    if (port != null && !port.isEmpty()) {
      try {
        number = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        number = ANY_PORT;
      }
    }
    return Optional.of(new Destination(host, port(number)));
  }

  /** A port number, or {@link #ANY_PORT} for anything that is not one. */
  static int port(int number) {
    return number >= 1 && number <= 65535 ? number : ANY_PORT;
  }

  @Override
  public String toString() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return port == ANY_PORT ? shown : shown + ":" + port;
  }
}
