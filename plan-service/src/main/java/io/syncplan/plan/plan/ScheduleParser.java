package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.scheduling.support.CronExpression;

/** Reads a {@link ScheduleRequest} into a {@link ScheduleSpec}, or says what is wrong with it. */
final class ScheduleParser {

  private ScheduleParser() {}

  /** What is wrong, by field; empty when the schedule can be read. */
  static Map<String, String> problems(ScheduleRequest request) {
    Map<String, String> problems = new LinkedHashMap<>();
    ScheduleType type = type(request);
    if (type == null) {
      return problems; // reported by @NotNull / @OneOf on the field itself
    }
    switch (type) {
      case INTERVAL -> require(problems, "everyMinutes", request.everyMinutes());
      case HOURLY -> require(problems, "minute", request.minute());
      case DAILY -> checkTime(problems, request.time());
      case WEEKLY -> {
        checkTime(problems, request.time());
        checkDays(problems, request.days());
      }
      case MONTHLY -> {
        checkTime(problems, request.time());
        if (request.dayOfMonth() == null && !Boolean.TRUE.equals(request.lastDayOfMonth())) {
          problems.put("dayOfMonth", "is required for MONTHLY unless lastDayOfMonth is true");
        }
      }
      case CRON -> checkCron(problems, request.cron());
    }
    if (request.timeZone() != null) {
      try {
        ZoneId.of(request.timeZone());
      } catch (DateTimeException e) {
        problems.put("timeZone", "is not a known time zone (use an IANA id such as Europe/Berlin)");
      }
    }
    return problems;
  }

  /** The schedule as a spec; call only for a request without {@link #problems}. */
  static ScheduleSpec toSpec(ScheduleRequest request) {
    ScheduleType type = ScheduleType.valueOf(request.type());
    return new ScheduleSpec(
        type,
        request.everyMinutes(),
        request.minute(),
        request.time() == null ? null : LocalTime.parse(request.time()),
        request.days() == null
            ? List.of()
            : request.days().stream().map(ScheduleParser::day).toList(),
        request.dayOfMonth(),
        Boolean.TRUE.equals(request.lastDayOfMonth()),
        request.cron(),
        request.timeZone() == null ? null : ZoneId.of(request.timeZone()).getId(),
        request.overlap() == null ? null : OverlapPolicy.valueOf(request.overlap()));
  }

  private static ScheduleType type(ScheduleRequest request) {
    try {
      return request.type() == null ? null : ScheduleType.valueOf(request.type());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void require(Map<String, String> problems, String field, Object value) {
    if (value == null) {
      problems.put(field, "is required for this schedule type");
    }
  }

  private static void checkTime(Map<String, String> problems, String time) {
    if (time == null) {
      problems.put("time", "is required for this schedule type");
      return;
    }
    try {
      LocalTime.parse(time);
    } catch (DateTimeParseException e) {
      problems.put("time", "must be a time of day as HH:mm");
    }
  }

  private static void checkDays(Map<String, String> problems, List<String> days) {
    if (days == null || days.isEmpty()) {
      problems.put("days", "must name at least one day for WEEKLY");
      return;
    }
    for (String day : days) {
      try {
        day(day);
      } catch (IllegalArgumentException | NullPointerException e) {
        problems.put("days", "must be days of the week, MONDAY to SUNDAY");
        return;
      }
    }
  }

  private static void checkCron(Map<String, String> problems, String cron) {
    if (cron == null || cron.isBlank()) {
      problems.put("cron", "is required for CRON");
      return;
    }
    try {
      CronExpression.parse(cron);
    } catch (IllegalArgumentException e) {
      problems.put("cron", "is not a valid cron expression: " + e.getMessage());
    }
  }

  private static DayOfWeek day(String day) {
    return DayOfWeek.valueOf(day.trim().toUpperCase(Locale.ROOT));
  }
}
