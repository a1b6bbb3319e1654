package io.syncplan.executor.network;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The start line and header lines of an HTTP/1.1 request or response, as the proxy reads them
 * before it passes the rest of the stream on unread.
 */
record MessageHead(String startLine, List<String> headers) {

  /** Longer heads are refused: rclone's are a few hundred bytes. */
  static final int LIMIT = 64 * 1024;

  /** Headers for one connection only, which the proxy does not pass on. */
  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "proxy-connection", "proxy-authorization");

  MessageHead {
    headers = List.copyOf(headers);
  }

  /**
   * The head at the start of the stream, leaving the stream just after it; empty when the stream
   * ends before a byte of it.
   *
   * @throws MalformedHeadException when it is longer than {@link #LIMIT} or ends half-way
   */
  static Optional<MessageHead> read(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (total == 0) {
          return Optional.empty();
        }
        throw new MalformedHeadException("the stream ended within a message head");
      }
      if (++total > LIMIT) {
        throw new MalformedHeadException("a message head longer than " + LIMIT + " bytes");
      }
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String text = line.toString(StandardCharsets.ISO_8859_1);
      line.reset();
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      if (text.isEmpty()) {
        if (lines.isEmpty()) {
          continue; // an empty line before a request is to be ignored (RFC 9112, 2.2)
        }
        return Optional.of(new MessageHead(lines.get(0), lines.subList(1, lines.size())));
      }
      lines.add(text);
    }
  }

  /** The value of the first header of this name, or null. */
  String header(String name) {
    for (String header : headers) {
      int colon = header.indexOf(':');
      if (colon > 0 && header.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return header.substring(colon + 1).strip();
      }
    }
    return null;
  }

  /**
   * This head with another start line, without the headers that concern only the connection to the
   * proxy, and with {@code Connection: close}: one request per connection, so that each is checked
   * and no connection to one server carries a request for another.
   */
  MessageHead forwarded(String newStartLine) {
    List<String> kept = new ArrayList<>();
    for (String header : headers) {
      int colon = header.indexOf(':');
      String name = colon > 0 ? header.substring(0, colon).strip().toLowerCase(Locale.ROOT) : "";
      if (!HOP_BY_HOP.contains(name)) {
        kept.add(header);
      }
    }
    kept.add("Connection: close");
    return new MessageHead(newStartLine, kept);
  }

  /** The status code of a response head, or -1. */
  int status() {
    String[] parts = startLine.split(" ", 3);
    try {
      return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  byte[] bytes() {
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    headers.forEach(header -> text.append(header).append("\r\n"));
    return text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A head the proxy cannot read. */
  static final class MalformedHeadException extends IOException {
    MalformedHeadException(String message) {
      super(message);
    }
  }
}
