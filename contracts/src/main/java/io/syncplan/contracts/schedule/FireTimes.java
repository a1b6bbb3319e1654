package io.syncplan.contracts.schedule;

import io.syncplan.contracts.plan.ScheduleSpec;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.scheduling.support.CronExpression;

/**
 * When a schedule fires: the one model plan-service (validation, preview, out-of-sync interval) and
 * the scheduler (fire times) share. The rules, also in {@code docs/scheduling.md}:
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
 *       when clocks go back fires at its first occurrence only. MONTHLY on a day a month lacks
 *       fires on that month's last day.
 * </ul>
 */
public final class FireTimes {

  /**
   * Compiled schedules by their timing: many plans share a schedule ("daily at 02:00"), and a
   * compiled cron expression is worth sharing among a hundred thousand plans.
   */
  private static final Map<ScheduleSpec, FireSchedule> COMPILED = new ConcurrentHashMap<>();

  private static final int MAX_SHARED = 50_000;

  private FireTimes() {}

  /**
   * Compiles a schedule. Schedules with the same {@link #timing} compile to the same instance.
   *
   * @throws InvalidScheduleException when the schedule cannot fire as written
   */
  public static FireSchedule compile(ScheduleSpec spec) {
    ScheduleSpec timing = timing(spec);
    FireSchedule shared = COMPILED.get(timing);
    if (shared != null) {
      return shared;
    }
    ScheduleRules.check(spec);
    FireSchedule compiled = compileValid(spec);
    if (COMPILED.size() >= MAX_SHARED) {
      COMPILED.clear();
    }
    COMPILED.put(timing, compiled);
    return compiled;
  }

  /** The spec without what does not change when it fires (overlap, pause after failures). */
  public static ScheduleSpec timing(ScheduleSpec spec) {
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

  private static FireSchedule compileValid(ScheduleSpec spec) {
    ZoneId zone = ZoneId.of(spec.timeZone());
    return switch (spec.type()) {
      case INTERVAL -> new EpochInterval(spec.everyMinutes() * 60L);
      case HOURLY -> new RealTimeSchedule(cron(expression(spec)), zone);
      case DAILY, WEEKLY -> new WallClockSchedule(cron(expression(spec)), zone);
      case MONTHLY ->
          new WallClockSchedule(
              LocalRule.monthly(spec.lastDayOfMonth() ? 31 : spec.dayOfMonth(), spec.time()), zone);
      case CRON ->
          hourIsWildcard(spec.cron())
              ? new RealTimeSchedule(cron(spec.cron()), zone)
              : new WallClockSchedule(cron(spec.cron()), zone);
    };
  }

  private static LocalRule cron(String expression) {
    return LocalRule.cron(CronExpression.parse(expression));
  }

  /** HOURLY, DAILY, WEEKLY as a six-field Spring cron expression. */
  private static String expression(ScheduleSpec spec) {
    return switch (spec.type()) {
      case HOURLY -> "0 " + spec.minute() + " * * * *";
      case DAILY -> at(spec.time()) + " * * *";
      case WEEKLY ->
          at(spec.time())
              + " * * "
              + spec.days().stream()
                  .map(day -> day.name().substring(0, 3))
                  .distinct()
                  .collect(Collectors.joining(","));
      case INTERVAL, MONTHLY, CRON ->
          throw new IllegalArgumentException(spec.type() + " is not written as a cron expression");
    };
  }

  private static String at(LocalTime time) {
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

  /** Every {@code periodSeconds}, counted from the epoch. */
  private record EpochInterval(long periodSeconds) implements FireSchedule {
    @Override
    public Instant next(Instant after) {
      return Instant.ofEpochSecond(
          (Math.floorDiv(after.getEpochSecond(), periodSeconds) + 1) * periodSeconds);
    }
  }
}
