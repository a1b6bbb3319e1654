package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import io.syncplan.contracts.schedule.ScheduleRules;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link ScheduleRequest} into a {@link ScheduleSpec}, or says what is wrong with it: how
 * the request is written (a time as {@code HH:mm}, day names) here, whether the schedule can fire
 * by the rules every service shares ({@link ScheduleRules}).
 */
final class ScheduleParser {

  private ScheduleParser() {}

  /** What is wrong, by field; empty when the schedule can be read and can fire. */
  static Map<String, String> problems(ScheduleRequest request) {
    ScheduleType type = type(request);
    if (type == null) {
      // the type itself is reported by @NotNull / @OneOf on the field
      return ScheduleRules.rangeProblems(
          request.everyMinutes(), request.minute(), request.dayOfMonth());
    }
    Map<String, String> problems = new LinkedHashMap<>();
    LocalTime time = null;
    if (request.time() != null) {
      try {
        time = LocalTime.parse(request.time());
      } catch (DateTimeParseException e) {
        problems.put("time", "must be a time of day as HH:mm");
      }
    }
    List<DayOfWeek> days = new ArrayList<>();
    for (String day : request.days() == null ? List.<String>of() : request.days()) {
      DayOfWeek read = day(day);
      if (read == null) {
        problems.put("days", "must be days of the week, MONDAY to SUNDAY");
        break;
      }
      days.add(read);
    }
    // overlap and pause-after-failures have no say in whether a schedule can fire; their own
    // constraints check them
    ScheduleSpec spec =
        spec(type, request, time, problems.containsKey("days") ? null : days, null, null);
    ScheduleRules.problems(spec).forEach(problems::putIfAbsent);
    return problems;
  }

  /** The schedule as a spec; call only for a request without {@link #problems}. */
  static ScheduleSpec toSpec(ScheduleRequest request) {
    return spec(
        ScheduleType.valueOf(request.type()),
        request,
        request.time() == null ? null : LocalTime.parse(request.time()),
        request.days() == null
            ? List.of()
            : request.days().stream().map(ScheduleParser::day).toList(),
        request.overlap() == null ? null : OverlapPolicy.valueOf(request.overlap()),
        request.pauseAfterFailures());
  }

  private static ScheduleSpec spec(
      ScheduleType type,
      ScheduleRequest request,
      LocalTime time,
      List<DayOfWeek> days,
      OverlapPolicy overlap,
      Integer pauseAfterFailures) {
    return new ScheduleSpec(
        type,
        request.everyMinutes(),
        request.minute(),
        time,
        days,
        request.dayOfMonth(),
        Boolean.TRUE.equals(request.lastDayOfMonth()),
        request.cron(),
        zone(request.timeZone()),
        overlap,
        pauseAfterFailures);
  }

  /** The zone's own id ({@code +1} reads as {@code +01:00}), or the text if it names none. */
  private static String zone(String zone) {
    try {
      return zone == null ? null : ZoneId.of(zone).getId();
    } catch (DateTimeException e) {
      return zone;
    }
  }

  private static ScheduleType type(ScheduleRequest request) {
    try {
      return request.type() == null ? null : ScheduleType.valueOf(request.type());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The day a name means, or null. */
  private static DayOfWeek day(String day) {
    try {
      return day == null ? null : DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
