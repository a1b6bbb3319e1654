package io.syncplan.executor.bisync;

/** Go's quoted strings ({@code strconv.Quote}), as bisync writes file names in its listings. */
final class GoQuote {

  private GoQuote() {}

  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    quoted.append(String.format("\\x%02x", c));
                  } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                    quoted.append(
                        c > 0xffff ? String.format("\\U%08x", c) : String.format("\\u%04x", c));
                  } else {
                    quoted.appendCodePoint(c);
                  }
                }
              }
            });
    return quoted.append('"').toString();
  }

  static String unquote(String quoted) {
    if (quoted.length() < 2 || quoted.charAt(0) != '"' || !quoted.endsWith("\"")) {
      throw new IllegalArgumentException("not a quoted string: " + quoted);
    }
    StringBuilder text = new StringBuilder();
    for (int i = 1; i < quoted.length() - 1; i++) {
      char c = quoted.charAt(i);
      if (c != '\\') {
        text.append(c);
        continue;
      }
      char escape = quoted.charAt(++i);
      switch (escape) {
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'a' -> text.append('\u0007');
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'v' -> text.append('\u000b');
        case 'x' -> {
          text.append((char) Integer.parseInt(quoted.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          text.appendCodePoint(Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'U' -> {
          text.appendCodePoint(Integer.parseInt(quoted.substring(i + 1, i + 9), 16));
          i += 8;
        }
        default -> text.append(escape);
      }
    }
    return text.toString();
  }
}
