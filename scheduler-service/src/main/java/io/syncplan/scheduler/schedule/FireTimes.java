package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.plan.ScheduleSpec;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a schedule fires. The rules, also in {@code docs/scheduling.md}:
 *
 * <ul>
 *   <li>INTERVAL counts real minutes from the epoch, so every replica and every restart computes
 *       the same times; daylight saving does not touch it.
 *   <li>HOURLY, and CRON expressions whose hour field is a wildcard (plain or stepped), run on real
 *       time: every real hour counts, so the hour repeated when clocks go back fires twice and the
 *       hour skipped when they go forward does not exist.
 *   <li>DAILY, WEEKLY, MONTHLY and CRON expressions with fixed hours run on the wall clock: each
 *       matching local time fires exactly once. A local time skipped when clocks go forward fires
 *       as much later as the gap is long (02:30 becomes 03:30); a local time that happens twice
 *       when clocks go back fires at its first occurrence only.
 * </ul>
 */
public final class FireTimes {

  /**
   * Compiled schedules by their spec: many plans share a schedule ("daily at 02:00"), and a
   * compiled cron expression is worth sharing among a hundred thousand plans.
   */
  private static final Map<ScheduleSpec, FireSchedule> COMPILED = new ConcurrentHashMap<>();

  private static final int MAX_SHARED = 50_000;

  private FireTimes() {}

  /**
   * Compiles a schedule.
   *
   * @throws InvalidScheduleException when the schedule cannot fire as written
   */
  public static FireSchedule compile(ScheduleSpec spec) {
    ScheduleSpec timing = withoutOverlap(spec);
    FireSchedule shared = COMPILED.get(timing);
    if (shared != null) {
      return shared;
    }
    FireSchedule compiled = compileNew(spec);
    if (COMPILED.size() >= MAX_SHARED) {
      COMPILED.clear();
    }
    COMPILED.put(timing, compiled);
    return compiled;
  }

  /** The spec without what does not change when it fires. */
  static ScheduleSpec withoutOverlap(ScheduleSpec spec) {
    return new ScheduleSpec(
        spec.type(),
        spec.everyMinutes(),
        spec.minute(),
        spec.time(),
        spec.days(),
        spec.dayOfMonth(),
        spec.lastDayOfMonth(),
        spec.cron(),
        spec.timeZone(),
        null);
  }

  private static FireSchedule compileNew(ScheduleSpec spec) {
    try {
      return switch (spec.type()) {
        case INTERVAL -> interval(spec);
        case HOURLY -> new RealTimeCron(cron(spec), zone(spec));
        case DAILY, WEEKLY -> WallClockSchedule.cron(cron(spec), zone(spec));
        case MONTHLY ->
            WallClockSchedule.monthly(monthlyDay(spec), require(spec.time(), "time"), zone(spec));
        case CRON ->
            hourIsWildcard(require(spec.cron(), "cron"))
                ? new RealTimeCron(cron(spec), zone(spec))
                : WallClockSchedule.cron(cron(spec), zone(spec));
      };
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new InvalidScheduleException(spec.type() + " schedule: " + e.getMessage(), e);
    }
  }

  private static FireSchedule interval(ScheduleSpec spec) {
    int minutes = require(spec.everyMinutes(), "everyMinutes");
    if (minutes < 1) {
      throw new IllegalArgumentException("everyMinutes must be at least 1, not " + minutes);
    }
    return new Interval(minutes * 60L);
  }

  /** The day of the month; 31 stands for the last day of every month. */
  private static int monthlyDay(ScheduleSpec spec) {
    if (spec.lastDayOfMonth()) {
      return 31;
    }
    int day = require(spec.dayOfMonth(), "dayOfMonth");
    if (day < 1 || day > 31) {
      throw new IllegalArgumentException("dayOfMonth must be 1 to 31, not " + day);
    }
    return day;
  }

  private static CronExpression cron(ScheduleSpec spec) {
    return CronExpression.parse(expression(spec));
  }

  /** The schedule as a six-field Spring cron expression (for every type but INTERVAL, MONTHLY). */
  static String expression(ScheduleSpec spec) {
    return switch (spec.type()) {
      case HOURLY -> "0 " + minuteOfHour(spec) + " * * * *";
      case DAILY -> at(spec) + " * * *";
      case WEEKLY -> {
        if (spec.days().isEmpty()) {
          throw new IllegalArgumentException("days must name at least one day of the week");
        }
        yield at(spec)
            + " * * "
            + spec.days().stream()
                .map(day -> day.name().substring(0, 3))
                .distinct()
                .collect(Collectors.joining(","));
      }
      case CRON -> spec.cron();
      case INTERVAL, MONTHLY ->
          throw new IllegalArgumentException(spec.type() + " is not a cron expression");
    };
  }

  private static int minuteOfHour(ScheduleSpec spec) {
    int minute = require(spec.minute(), "minute");
    if (minute < 0 || minute > 59) {
      throw new IllegalArgumentException("minute must be 0 to 59, not " + minute);
    }
    return minute;
  }

  private static String at(ScheduleSpec spec) {
    LocalTime time = require(spec.time(), "time");
    return time.getSecond() + " " + time.getMinute() + " " + time.getHour();
  }

  /** Whether the hour field of a cron expression matches every hour (plain or stepped). */
  static boolean hourIsWildcard(String expression) {
    String trimmed = expression.trim().toLowerCase(Locale.ROOT);
    if (trimmed.startsWith("@")) {
      return trimmed.equals("@hourly");
    }
    String[] fields = trimmed.split("\\s+");
    return fields.length == 6 && fields[2].startsWith("*");
  }

  private static ZoneId zone(ScheduleSpec spec) {
    return ZoneId.of(spec.timeZone());
  }

  private static <T> T require(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** Every {@code period} seconds, counted from the epoch. */
  private record Interval(long periodSeconds) implements FireSchedule {
    @Override
    public Instant next(Instant after) {
      return Instant.ofEpochSecond(
          (Math.floorDiv(after.getEpochSecond(), periodSeconds) + 1) * periodSeconds);
    }
  }

  /** A cron expression evaluated on real time in a zone. */
  private record RealTimeCron(CronExpression cron, ZoneId zone) implements FireSchedule {
    @Override
    public Instant next(Instant after) {
      ZonedDateTime next = cron.next(after.atZone(zone));
      return next == null ? null : next.toInstant();
    }
  }
}
