package io.syncplan.contracts.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an rclone option's value is, and so how it is checked. Only {@link #TEXT} and {@link #LIST}
 * values could be read by rclone as another remote, so only they are held to {@link
 * RemoteSyntax#namesRemote}; {@link #REMOTE} and {@link #UPSTREAMS} name syncplan storages ({@link
 * StorageReferences}).
 */
public enum OptionKind {
  TEXT,
  URL,
  BOOL,
  INT,
  NUMBER,
  DURATION,
  SIZE,
  TRISTATE,
  ENCODING,
  FLAGS,
  TIME,
  LIST,
  REMOTE,
  UPSTREAMS;

  private static final Pattern BOOL_VALUE = Pattern.compile("(?i)true|false|t|f|1|0");
  private static final Pattern INT_VALUE = Pattern.compile("[+-]?\\d{1,18}");
  private static final Pattern NUMBER_VALUE = Pattern.compile("[+-]?\\d{1,18}(\\.\\d{1,9})?");
  private static final Pattern DURATION_VALUE =
      Pattern.compile(
          "(?i)off|[+-]?\\d{1,18}(\\.\\d{1,9})?|(\\d{1,18}(\\.\\d{1,9})?(ns|us|µs|ms|s|m|h|d|w|y))+");
  private static final Pattern SIZE_VALUE =
      Pattern.compile("(?i)off|-1|\\d{1,18}(\\.\\d{1,9})?[bkmgtpe]?i?b?");
  private static final Pattern TRISTATE_VALUE = Pattern.compile("(?i)true|false|unset|");
  private static final Pattern WORDS = Pattern.compile("[A-Za-z0-9_]+(,[A-Za-z0-9_]+)*");
  private static final Pattern TIME_VALUE = Pattern.compile("[0-9A-Za-z:+.\\- ]{1,40}");
  private static final Pattern NO_SPACE = Pattern.compile("\\S+");

  @JsonCreator
  static OptionKind of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Why the value does not fit this kind, or null when it does. */
  public String problem(String value) {
    return switch (this) {
      case TEXT -> RemoteSyntax.namesRemote(value) ? RemoteSyntax.NAMES_REMOTE : null;
      case LIST -> listProblem(value);
      case URL -> NO_SPACE.matcher(value).matches() ? null : "must be an address without spaces";
      case BOOL -> matches(BOOL_VALUE, value, "must be true or false");
      case INT -> matches(INT_VALUE, value, "must be a whole number");
      case NUMBER -> matches(NUMBER_VALUE, value, "must be a number");
      case DURATION -> matches(DURATION_VALUE, value, "must be a duration such as 30s, 5m or 1h");
      case SIZE -> matches(SIZE_VALUE, value, "must be a size such as 512K, 16M or 2G");
      case TRISTATE -> matches(TRISTATE_VALUE, value, "must be true, false or unset");
      case ENCODING, FLAGS -> matches(WORDS, value, "must be a list of words such as Slash,Dot");
      case TIME -> matches(TIME_VALUE, value, "must be a date and time");
      case REMOTE, UPSTREAMS -> null; // parsed as storage references by StorageReferences
    };
  }

  private static String listProblem(String value) {
    for (String item : value.split("[,\\s]+")) {
      if (RemoteSyntax.namesRemote(item)) {
        return RemoteSyntax.NAMES_REMOTE;
      }
    }
    return null;
  }

  private static String matches(Pattern pattern, String value, String problem) {
    return pattern.matcher(value).matches() ? null : problem;
  }
}
