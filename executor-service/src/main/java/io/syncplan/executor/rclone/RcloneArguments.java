package io.syncplan.executor.rclone;

import java.util.regex.Pattern;

/**
 * Checks the values a plan contributes to rclone's arguments, environment and filter file. A value
 * that could be read as a flag, or that could end one argument or line and start another, is
 * refused with a message naming the setting.
 */
public final class RcloneArguments {

  /** rclone's size syntax, for example {@code 16M}, {@code 1.5Gi} or {@code 1024}. */
  private static final Pattern SIZE = Pattern.compile("\\d+(\\.\\d+)?[BKMGTP]?i?");

  private RcloneArguments() {}

  /** A value safe to pass as one argument: not empty, not a flag, no NUL or line break. */
  public static String value(String setting, String value) {
    if (value == null || value.isEmpty()) {
      throw new UnsafeArgumentException(setting + " must not be empty");
    }
    if (value.startsWith("-")) {
      throw new UnsafeArgumentException(setting + " must not start with '-': " + value);
    }
    return line(setting, value);
  }

  /** A value that stays on one line (of a filter file, or one environment variable). */
  public static String line(String setting, String value) {
    if (value.indexOf('\0') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new UnsafeArgumentException(setting + " must not contain NUL or line breaks");
    }
    return value;
  }

  /** A size in rclone's syntax. */
  public static String size(String setting, String value) {
    value(setting, value);
    if (!SIZE.matcher(value).matches()) {
      throw new UnsafeArgumentException(
          setting + " must be a size such as 16M, 512K or 2G, not: " + value);
    }
    return value;
  }

  /** A positive count. */
  public static String count(String setting, int value) {
    if (value < 1) {
      throw new UnsafeArgumentException(setting + " must be at least 1, not " + value);
    }
    return String.valueOf(value);
  }
}
