package io.syncplan.notification.content;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers and times as people read them in a message. */
final class Formats {

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private Formats() {}

  /** For example {@code 0 B}, {@code 812 B}, {@code 1.2 MiB}. */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** For example {@code 850 ms}, {@code 4 s}, {@code 2 min 5 s}, {@code 1 h 3 min}. */
  static String duration(Duration duration) {
    if (duration == null) {
      return null;
    }
    if (duration.isNegative()) {
      duration = Duration.ZERO;
    }
    if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
      return duration.toMillis() + " ms";
    }
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    if (hours > 0) {
      return hours + " h " + minutes + " min";
    }
    if (minutes > 0) {
      return minutes + " min " + seconds + " s";
    }
    return seconds + " s";
  }

  /** For example {@code 2026-11-26 14:03:12 UTC}. */
  static String time(Instant instant, ZoneId zone) {
    if (instant == null) {
      return null;
    }
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT)
        .format(instant.atZone(zone));
  }
}
