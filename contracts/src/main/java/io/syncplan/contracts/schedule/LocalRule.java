package io.syncplan.contracts.schedule;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import org.springframework.scheduling.support.CronExpression;

/** The local date-times a schedule matches, before they are mapped to instants in a zone. */
interface LocalRule {

  /** The first matching local date-time strictly after {@code after}, or null if none comes. */
  LocalDateTime next(LocalDateTime after);

  static LocalRule cron(CronExpression cron) {
    return cron::next;
  }

  /**
   * A day of the month at a time; months without that day match on their last day (day 31 means the
   * last day of every month).
   */
  static LocalRule monthly(int day, LocalTime time) {
    return after -> {
      for (int month = 0; month < 13; month++) {
        YearMonth yearMonth = YearMonth.from(after).plusMonths(month);
        LocalDateTime candidate =
            yearMonth.atDay(Math.min(day, yearMonth.lengthOfMonth())).atTime(time);
        if (candidate.isAfter(after)) {
          return candidate;
        }
      }
      throw new IllegalStateException("no monthly date within a year after " + after);
    };
  }
}
