package io.syncplan.scheduler.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;

/**
 * A schedule on the wall clock: local date-times mapped to instants in a zone. A local time in a
 * gap (clocks going forward) moves later by the gap's length; a local time in an overlap (clocks
 * going back) takes its earlier offset; a local time that maps to an instant not after the previous
 * fire (the second pass of a repeated hour, or a gap time folded onto a real one) is passed over.
 */
final class WallClockSchedule implements FireSchedule {

  /** Local date-times a wall-clock schedule fires at. */
  private interface LocalRule {
    /** The first matching local date-time strictly after {@code after}, or null. */
    LocalDateTime next(LocalDateTime after);
  }

  private final LocalRule rule;
  private final ZoneId zone;

  private WallClockSchedule(LocalRule rule, ZoneId zone) {
    this.rule = rule;
    this.zone = zone;
  }

  /** A cron expression evaluated on local date-times. */
  static WallClockSchedule cron(CronExpression cron, ZoneId zone) {
    return new WallClockSchedule(cron::next, zone);
  }

  /**
   * A day of the month at a time; months without that day fire on their last day (day 31 means the
   * last day of every month).
   */
  static WallClockSchedule monthly(int day, LocalTime time, ZoneId zone) {
    return new WallClockSchedule(after -> nextMonthly(day, time, after), zone);
  }

  private static LocalDateTime nextMonthly(int day, LocalTime time, LocalDateTime after) {
    for (int month = 0; month < 13; month++) {
      YearMonth yearMonth = YearMonth.from(after).plusMonths(month);
      LocalDateTime candidate =
          yearMonth.atDay(Math.min(day, yearMonth.lengthOfMonth())).atTime(time);
      if (candidate.isAfter(after)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no monthly date within a year after " + after);
  }

  @Override
  public Instant next(Instant after) {
    LocalDateTime local = LocalDateTime.ofInstant(after, zone);
    for (int guard = 0; guard < 1_000; guard++) {
      LocalDateTime candidate = rule.next(local);
      if (candidate == null) {
        return null;
      }
      Instant instant = ZonedDateTime.ofLocal(candidate, zone, null).toInstant();
      if (instant.isAfter(after)) {
        return instant;
      }
      local = candidate;
    }
    throw new IllegalStateException("no wall-clock fire time found after " + after);
  }
}
