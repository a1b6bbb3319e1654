package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.plan.ScheduleSpec;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.stream.Collectors;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a schedule fires next. Intervals are aligned to the epoch, so every replica and every
 * restart computes the same times; every other type becomes a Spring cron expression evaluated in
 * the plan's time zone.
 */
final class FireTimes {

  private FireTimes() {}

  /** The first fire time strictly after {@code after}, or null if there is none. */
  static Instant next(ScheduleSpec spec, Instant after) {
    if (spec.type() == io.syncplan.contracts.plan.ScheduleType.INTERVAL) {
      long period = spec.everyMinutes() * 60L;
      long next = (Math.floorDiv(after.getEpochSecond(), period) + 1) * period;
      return Instant.ofEpochSecond(next);
    }
    ZonedDateTime next =
        CronExpression.parse(cron(spec)).next(after.atZone(ZoneId.of(spec.timeZone())));
    return next == null ? null : next.toInstant();
  }

  /** The schedule as a six-field Spring cron expression. */
  static String cron(ScheduleSpec spec) {
    return switch (spec.type()) {
      case INTERVAL -> throw new IllegalArgumentException("an interval is not a cron expression");
      case HOURLY -> "0 " + spec.minute() + " * * * *";
      case DAILY -> at(spec) + " * * *";
      case WEEKLY ->
          at(spec)
              + " * * "
              + spec.days().stream()
                  .map(day -> day.name().substring(0, 3))
                  .collect(Collectors.joining(","));
      case MONTHLY -> at(spec) + " " + (spec.lastDayOfMonth() ? "L" : spec.dayOfMonth()) + " * *";
      case CRON -> spec.cron();
    };
  }

  private static String at(ScheduleSpec spec) {
    return "0 " + spec.time().getMinute() + " " + spec.time().getHour();
  }
}
