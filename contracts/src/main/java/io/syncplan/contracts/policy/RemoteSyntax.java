package io.syncplan.contracts.policy;

import java.util.regex.Pattern;

/**
 * Recognises text rclone would read as a remote: a remote reference ({@code name:path}) or a
 * connection string ({@code :backend,option=value:path}, {@code name,option=value:path}). Such text
 * nested in a wrapper's option would be a whole remote of the sender's making, with options such as
 * {@code bearer_token_command} that no check of the outer storage sees.
 *
 * <p>It follows rclone's own parser ({@code fs/fspath.Parse}, 1.60 to 1.75) and errs on the side of
 * refusing: a value is a remote when it starts with {@code :}, or when the text before its first
 * {@code :} or {@code ,} (with no {@code /} or {@code \} before it) could be a remote's name and
 * the value holds a {@code :}.
 */
public final class RemoteSyntax {

  static final String NAMES_REMOTE =
      "must not name an rclone remote or hold a connection string ('name:path', ':backend,…:');"
          + " to build on another storage, name a syncplan storage in a wrapper's remote option";

  /** rclone's config name characters (fs/fspath configNameRe), spaces and '-' included. */
  private static final Pattern CONFIG_NAME = Pattern.compile("[\\w\\p{L}\\p{N}.+@ -]+");

  private RemoteSyntax() {}

  /** True when rclone could read the value as a remote or a connection string. */
  public static boolean namesRemote(String value) {
    if (value == null || value.indexOf(':') < 0) {
      return false;
    }
    if (value.startsWith(":")) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || c == '\\') {
        return false;
      }
      if (c == ':' || c == ',') {
        return i > 0 && CONFIG_NAME.matcher(value.substring(0, i)).matches();
      }
    }
    return false;
  }
}
