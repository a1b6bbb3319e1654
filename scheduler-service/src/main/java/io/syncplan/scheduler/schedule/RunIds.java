package io.syncplan.scheduler.schedule;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Run ids of scheduled runs: the plan id and the scheduled time, so that firing the same due time
 * twice produces the same run, which the executors run once.
 */
public final class RunIds {

  private static final DateTimeFormatter COMPACT_UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RunIds() {}

  public static String scheduled(String planId, Instant scheduledAt) {
    return planId + "-" + COMPACT_UTC.format(scheduledAt);
  }
}
