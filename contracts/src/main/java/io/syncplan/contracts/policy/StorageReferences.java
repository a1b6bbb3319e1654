package io.syncplan.contracts.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storages a wrapper backend's option names. A wrapper (alias, crypt, chunker, hasher,
 * compress, cache, union, combine) builds only on other syncplan storages, named by id or name,
 * never on an rclone remote or connection string: the executor resolves each name to a remote it
 * defines itself, so no text of the sender's ever reaches rclone as a remote.
 *
 * <ul>
 *   <li>{@code remote}: {@code storage} or {@code storage/path}, for example {@code
 *       offsite/backups};
 *   <li>union's {@code upstreams}: such references separated by spaces, each optionally followed by
 *       {@code :ro}, {@code :nc} or {@code :writeback} ({@code "my nas/photos:ro" offsite});
 *   <li>combine's {@code upstreams}: {@code dir=storage/path} separated by spaces.
 * </ul>
 *
 * A reference holding a space is written in double quotes. The path is relative to the storage's
 * root (for a local storage, the file system's root) and holds no {@code :} and no {@code ..}.
 */
public final class StorageReferences {

  /** A storage named in a wrapper's option. */
  public record Reference(String prefix, String storage, String path, String suffix) {

    /** {@code storage/path}, as written. */
    public String target() {
      return path.isEmpty() ? storage : storage + "/" + path;
    }
  }

  static final String STORAGE_NAME = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}";
  private static final Pattern REFERENCE = Pattern.compile("(" + STORAGE_NAME + ")(?:/([^:]*))?");
  private static final Pattern UNION_MODE = Pattern.compile("(.*?)(:ro|:nc|:writeback)?");
  private static final Pattern COMBINE_DIR = Pattern.compile("([\\p{L}\\p{N} ._-]+)=(.*)");
  private static final int MAX_REFERENCES = 16;

  private StorageReferences() {}

  /**
   * The storages the value names.
   *
   * @throws IllegalArgumentException saying what is wrong with the value
   */
  public static List<Reference> parse(String type, OptionKind kind, String value) {
    if (kind == OptionKind.REMOTE) {
      return List.of(reference("", value, ""));
    }
    if (kind != OptionKind.UPSTREAMS) {
      throw new IllegalArgumentException("does not name storages");
    }
    List<String> tokens = tokens(value);
    if (tokens.isEmpty() || tokens.size() > MAX_REFERENCES) {
      throw new IllegalArgumentException(
          "must name 1 to " + MAX_REFERENCES + " storages, separated by spaces");
    }
    List<Reference> references = new ArrayList<>();
    for (String token : tokens) {
      if ("combine".equals(type)) {
        Matcher dir = COMBINE_DIR.matcher(token);
        if (!dir.matches()) {
          throw new IllegalArgumentException(
              "each upstream must be dir=storage/path, not '" + token + "'");
        }
        references.add(reference(dir.group(1) + "=", dir.group(2), ""));
      } else {
        Matcher mode = UNION_MODE.matcher(token);
        mode.matches();
        references.add(reference("", mode.group(1), mode.group(2) == null ? "" : mode.group(2)));
      }
    }
    return references;
  }

  /**
   * The option's value for rclone: each reference replaced by the location {@code locate} gives it
   * (a remote the executor defined, such as {@code DST_1:backups}).
   */
  public static String render(
      OptionKind kind, List<Reference> references, Function<Reference, String> locate) {
    if (kind == OptionKind.REMOTE) {
      return locate.apply(references.get(0));
    }
    List<String> tokens = new ArrayList<>();
    for (Reference reference : references) {
      tokens.add(quoted(reference.prefix() + locate.apply(reference) + reference.suffix()));
    }
    return String.join(" ", tokens);
  }

  private static Reference reference(String prefix, String text, String suffix) {
    if (RemoteSyntax.namesRemote(text) || text.startsWith(":")) {
      throw new IllegalArgumentException(
          "must name a syncplan storage by id or name (optionally followed by /path), not an"
              + " rclone remote or connection string: '"
              + text
              + "'");
    }
    Matcher matcher = REFERENCE.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "must name a syncplan storage by id or name, optionally followed by /path (no ':'),"
              + " not '"
              + text
              + "'");
    }
    String path = matcher.group(2) == null ? "" : matcher.group(2);
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        throw new IllegalArgumentException("the path must not hold '..': '" + text + "'");
      }
    }
    if (path.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("the path must not hold control characters");
    }
    return new Reference(prefix, matcher.group(1).strip(), path, suffix);
  }

  /** Space-separated tokens; a token in double quotes may hold spaces ("" for a quote). */
  private static List<String> tokens(String value) {
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    boolean quoted = false;
    boolean inToken = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < value.length() && value.charAt(i + 1) == '"') {
          token.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          token.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        inToken = true;
      } else if (c == ' ') {
        if (inToken) {
          tokens.add(token.toString());
          token.setLength(0);
          inToken = false;
        }
      } else {
        token.append(c);
        inToken = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("has a quote that is not closed");
    }
    if (inToken) {
      tokens.add(token.toString());
    }
    return tokens;
  }

  private static String quoted(String token) {
    return token.contains(" ") || token.contains("\"")
        ? "\"" + token.replace("\"", "\"\"") + "\""
        : token;
  }
}
