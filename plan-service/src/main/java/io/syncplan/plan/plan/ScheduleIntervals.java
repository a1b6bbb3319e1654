package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.ScheduleSpec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.scheduling.support.CronExpression;

/**
 * A plan's schedule as the gap between its next two fire times, which is what "twice its interval"
 * measures for the out-of-sync gauge. Every calendar schedule is written as a cron expression, so
 * that a weekly plan on Monday and Wednesday is expected every two days before Wednesday and every
 * five before Monday, in the plan's time zone.
 */
sealed interface ScheduleIntervals {

  /** The gap between the next two fire times after {@code now}. */
  Duration intervalAt(Instant now);

  static ScheduleIntervals of(ScheduleSpec spec) {
    ZoneId zone = ZoneId.of(spec.timeZone());
    return switch (spec.type()) {
      case INTERVAL -> new Fixed(Duration.ofMinutes(spec.everyMinutes()));
      case HOURLY -> new Fixed(Duration.ofHours(1));
      case DAILY -> new Cron(CronExpression.parse(at(spec.time()) + " * * *"), zone);
      case WEEKLY -> new Cron(CronExpression.parse(at(spec.time()) + " * * " + days(spec)), zone);
      case MONTHLY ->
          new Cron(
              CronExpression.parse(
                  at(spec.time())
                      + (spec.lastDayOfMonth() ? " L" : " " + spec.dayOfMonth())
                      + " * *"),
              zone);
      case CRON -> new Cron(CronExpression.parse(spec.cron()), zone);
    };
  }

  private static String at(LocalTime time) {
    return time.getSecond() + " " + time.getMinute() + " " + time.getHour();
  }

  private static String days(ScheduleSpec spec) {
    return spec.days().stream()
        .map(DayOfWeek::name)
        .map(day -> day.substring(0, 3).toUpperCase(Locale.ROOT))
        .collect(Collectors.joining(","));
  }

  record Fixed(Duration interval) implements ScheduleIntervals {
    @Override
    public Duration intervalAt(Instant now) {
      return interval;
    }
  }

  record Cron(CronExpression expression, ZoneId zone) implements ScheduleIntervals {
    @Override
    public Duration intervalAt(Instant now) {
      ZonedDateTime next = expression.next(now.atZone(zone));
      ZonedDateTime after = next == null ? null : expression.next(next);
      return after == null ? null : Duration.between(next, after);
    }
  }
}
