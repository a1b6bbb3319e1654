package io.syncplan.executor.bandwidth;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bandwidth limit in bytes per second, for uploads and for downloads, as rclone's {@code
 * --bwlimit} reads one rate ({@code 10M}) or an upload:download pair ({@code 10M:1M}): units B, K,
 * M, G, T, P in powers of 1024, KiB/s without one; {@code off} and 0 are no limit.
 */
record Rate(long upload, long download) {

  static final long UNLIMITED = Long.MAX_VALUE;
  static final Rate OFF = new Rate(UNLIMITED, UNLIMITED);

  private static final Pattern SIDE = Pattern.compile("(\\d+(?:\\.\\d+)?)([bkmgtp]?)");
  private static final String UNITS = "bkmgtp";

  Rate {
    if (upload < 1 || download < 1) {
      // rclone reads 0 as no limit: a share must never come out as 0.
      throw new IllegalArgumentException("a rate is at least 1 byte/s");
    }
  }

  /** One {@code --bwlimit} entry: a rate or an upload:download pair (checked before). */
  static Rate parse(String entry) {
    String[] sides = entry.strip().split(":", -1);
    if (sides.length > 2) {
      throw new IllegalArgumentException("'" + entry + "' is not a rate");
    }
    long upload = side(sides[0]);
    return new Rate(upload, sides.length == 2 ? side(sides[1]) : upload);
  }

  private static long side(String text) {
    String side = text.strip().toLowerCase(Locale.ROOT);
    if (side.equals("off")) {
      return UNLIMITED;
    }
    Matcher rate = SIDE.matcher(side);
    if (!rate.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a rate");
    }
    String unit = rate.group(2).isEmpty() ? "k" : rate.group(2);
    BigDecimal bytes =
        new BigDecimal(rate.group(1)).multiply(BigDecimal.valueOf(1024).pow(UNITS.indexOf(unit)));
    if (bytes.signum() == 0) {
      return UNLIMITED;
    }
    return bytes.compareTo(BigDecimal.valueOf(UNLIMITED)) >= 0
        ? UNLIMITED
        : Math.max(1, bytes.longValue());
  }

  boolean isLimited() {
    return upload != UNLIMITED || download != UNLIMITED;
  }

  /** The lower of the two, side by side. */
  Rate min(Rate other) {
    return new Rate(Math.min(upload, other.upload), Math.min(download, other.download));
  }

  /** As rclone's {@code --bwlimit} and {@code core/bwlimit} take it: exact bytes per second. */
  String toRclone() {
    return upload == download ? side(upload) : side(upload) + ":" + side(download);
  }

  private static String side(long bytes) {
    return bytes == UNLIMITED ? "off" : bytes + "B";
  }
}
