package io.syncplan.contracts.plan;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;

/**
 * When a plan runs by itself. Only the fields its {@link #type()} names are used; the time zone
 * applies to every type but {@link ScheduleType#INTERVAL}.
 *
 * @param everyMinutes for INTERVAL: minutes between fires, at least 1
 * @param minute for HOURLY: minute of the hour, 0 to 59
 * @param time for DAILY, WEEKLY and MONTHLY: local time of day
 * @param days for WEEKLY: the days of the week
 * @param dayOfMonth for MONTHLY: 1 to 31; months without that day fire on their last day
 * @param lastDayOfMonth for MONTHLY: fire on the last day of every month instead of dayOfMonth
 * @param cron for CRON: a six-field Spring cron expression
 * @param timeZone an IANA zone id, UTC when absent
 * @param overlap what a fire does while the previous run is still active
 * @param pauseAfterFailures the plan pauses itself after this many failed (or partial) runs in a
 *     row, at least 1; null never
 */
public record ScheduleSpec(
    ScheduleType type,
    Integer everyMinutes,
    Integer minute,
    LocalTime time,
    List<DayOfWeek> days,
    Integer dayOfMonth,
    boolean lastDayOfMonth,
    String cron,
    String timeZone,
    OverlapPolicy overlap,
    Integer pauseAfterFailures) {

  public ScheduleSpec {
    Objects.requireNonNull(type, "type");
    days = days == null ? List.of() : List.copyOf(days);
    timeZone = timeZone == null ? "UTC" : timeZone;
    overlap = overlap == null ? OverlapPolicy.SKIP : overlap;
    if (pauseAfterFailures != null && pauseAfterFailures < 1) {
      throw new IllegalArgumentException("pauseAfterFailures must be at least 1");
    }
  }

  /** A schedule that never pauses its plan by itself. */
  public ScheduleSpec(
      ScheduleType type,
      Integer everyMinutes,
      Integer minute,
      LocalTime time,
      List<DayOfWeek> days,
      Integer dayOfMonth,
      boolean lastDayOfMonth,
      String cron,
      String timeZone,
      OverlapPolicy overlap) {
    this(
        type,
        everyMinutes,
        minute,
        time,
        days,
        dayOfMonth,
        lastDayOfMonth,
        cron,
        timeZone,
        overlap,
        null);
  }

  public static ScheduleSpec everyMinutes(int minutes) {
    return new ScheduleSpec(
        ScheduleType.INTERVAL, minutes, null, null, null, null, false, null, null, null);
  }
}
