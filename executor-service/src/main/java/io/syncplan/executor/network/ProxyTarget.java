package io.syncplan.executor.network;

import io.syncplan.support.network.Destination;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a request to the proxy asks to go: a tunnel ({@code CONNECT host:port}, for https), or a
 * plain http request in absolute form ({@code GET http://host:port/path}), passed on in origin form
 * ({@code GET /path}).
 *
 * @param forwardedStartLine the request line to send to the server; null for a tunnel
 */
record ProxyTarget(Destination destination, String forwardedStartLine) {

  boolean tunnel() {
    return forwardedStartLine == null;
  }

  /** The target of a request line; empty when it is neither of the two forms. */
  static Optional<ProxyTarget> of(String requestLine) {
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      return Optional.empty();
    }
    String method = parts[0];
    String target = parts[1];
    try {
      if (method.equals("CONNECT")) {
        return Destination.parse(target, Destination.ANY_PORT)
            .filter(destination -> destination.port() != Destination.ANY_PORT)
            .filter(destination -> !target.contains("/"))
            .map(destination -> new ProxyTarget(destination, null));
      }
      if (!target.toLowerCase(Locale.ROOT).startsWith("http://")) {
        return Optional.empty();
      }
      String rest = target.substring("http://".length());
      int pathStart = firstOf(rest, "/?#");
      String authority = rest.substring(0, pathStart);
      if (authority.contains("@")) {
        return Optional.empty(); // no client sends credentials this way; they would confuse hosts
      }
      String path = rest.substring(pathStart);
      int fragment = path.indexOf('#');
      path = fragment < 0 ? path : path.substring(0, fragment);
      String originForm = path.startsWith("/") ? path : "/" + path;
      return Destination.ofUrl("http://" + authority)
          .map(
              destination ->
                  new ProxyTarget(destination, method + " " + originForm + " " + parts[2]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static int firstOf(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }
}
