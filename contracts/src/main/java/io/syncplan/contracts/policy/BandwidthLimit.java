package io.syncplan.contracts.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * rclone's {@code --bwlimit} syntax, the part every supported rclone (1.60 on) accepts: a rate
 * ({@code 10M}, {@code 512k}, {@code off}), separate upload and download rates ({@code 10M:1M}), or
 * a timetable of space-separated {@code [Day-]HH:MM,rate} entries ({@code "08:00,512k 19:00,off"},
 * {@code "Mon-00:00,off Sat-08:00,1M"}). A rate without a unit is in KiB/s, as rclone reads it.
 * plan-service refuses anything else with a message pointing at the bad part; executors check it
 * again before it reaches rclone's command line.
 */
public final class BandwidthLimit {

  /** Longer timetables are not what a person writes. */
  public static final int MAX_LENGTH = 500;

  private static final Pattern RATE = Pattern.compile("(?i)off|\\d{1,9}(\\.\\d{1,3})?[bkmgtp]?");
  private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
  private static final Set<String> DAYS =
      Set.of(
          "mon",
          "tue",
          "wed",
          "thu",
          "fri",
          "sat",
          "sun",
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday");

  private BandwidthLimit() {}

  /** What is wrong with {@code value}; empty when rclone takes it. */
  public static Optional<String> problem(String value) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank() || value.length() > MAX_LENGTH) {
      return Optional.of("must be 1 to " + MAX_LENGTH + " characters of rclone's --bwlimit syntax");
    }
    if (!value.contains(" ") && !value.contains(",")) {
      return rateProblem(value, value);
    }
    for (String entry : value.strip().split(" +")) {
      String[] parts = entry.split(",", -1);
      if (parts.length != 2) {
        return Optional.of(
            "'" + entry + "' is not a timetable entry: write [Day-]HH:MM,rate, e.g. 08:00,512k");
      }
      Optional<String> time = timeProblem(parts[0]);
      if (time.isPresent()) {
        return time;
      }
      Optional<String> rate = rateProblem(parts[1], entry);
      if (rate.isPresent()) {
        return rate;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> timeProblem(String when) {
    String time = when;
    int dash = when.indexOf('-');
    if (dash >= 0) {
      String day = when.substring(0, dash);
      if (!DAYS.contains(day.toLowerCase(Locale.ROOT))) {
        return Optional.of("'" + day + "' in '" + when + "' is not a day: write Mon to Sun");
      }
      time = when.substring(dash + 1);
    }
    if (!TIME.matcher(time).matches()) {
      return Optional.of("'" + time + "' is not a time of day: write HH:MM, 00:00 to 23:59");
    }
    return Optional.empty();
  }

  /** A rate, or an upload:download pair of rates. */
  private static Optional<String> rateProblem(String rate, String where) {
    String[] sides = rate.split(":", -1);
    if (sides.length > 2) {
      return Optional.of(
          "'" + rate + "' has more than one ':': write upload:download, e.g. 10M:1M");
    }
    for (String side : sides) {
      if (!RATE.matcher(side).matches()) {
        String context = where.equals(side) ? "" : " in '" + where + "'";
        return Optional.of(
            "'"
                + side
                + "'"
                + context
                + " is not a rate: write a number with an optional unit B, K, M, G, T or P"
                + " (KiB/s without one), or off");
      }
    }
    return Optional.empty();
  }
}
