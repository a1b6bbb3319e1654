package io.syncplan.contracts.schedule;

import io.syncplan.contracts.plan.ScheduleSpec;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.scheduling.support.CronExpression;

/**
 * What makes a {@link ScheduleSpec} one that can fire: the fields its type needs, the range of
 * every field that is set, a known time zone, a cron expression that parses. plan-service refuses a
 * schedule that breaks them; the scheduler keeps a plan whose schedule breaks them without fire
 * times. The messages are written for API clients and name no field: the field is the key.
 */
public final class ScheduleRules {

  /** INTERVAL: at least a minute between fires. */
  public static final int MIN_EVERY_MINUTES = 1;

  /** INTERVAL: at most a year (365 days) between fires. */
  public static final int MAX_EVERY_MINUTES = 525_600;

  public static final int MIN_MINUTE = 0;
  public static final int MAX_MINUTE = 59;
  public static final int MIN_DAY_OF_MONTH = 1;
  public static final int MAX_DAY_OF_MONTH = 31;

  static final String REQUIRED = "is required for this schedule type";

  private ScheduleRules() {}

  /** What is wrong, by field name; empty when the schedule can fire. */
  public static Map<String, String> problems(ScheduleSpec spec) {
    Map<String, String> problems =
        rangeProblems(spec.everyMinutes(), spec.minute(), spec.dayOfMonth());
    switch (spec.type()) {
      case INTERVAL -> require(problems, "everyMinutes", spec.everyMinutes());
      case HOURLY -> require(problems, "minute", spec.minute());
      case DAILY -> require(problems, "time", spec.time());
      case WEEKLY -> {
        require(problems, "time", spec.time());
        if (spec.days().isEmpty()) {
          problems.putIfAbsent("days", "must name at least one day for WEEKLY");
        }
      }
      case MONTHLY -> {
        require(problems, "time", spec.time());
        if (spec.dayOfMonth() == null && !spec.lastDayOfMonth()) {
          problems.putIfAbsent(
              "dayOfMonth", "is required for MONTHLY unless lastDayOfMonth is true");
        }
      }
      case CRON -> cron(problems, spec.cron());
    }
    try {
      ZoneId.of(spec.timeZone());
    } catch (DateTimeException e) {
      problems.put("timeZone", "is not a known time zone (use an IANA id such as Europe/Berlin)");
    }
    return problems;
  }

  /** Which of the numbers that are set lie outside their range, whatever the schedule's type. */
  public static Map<String, String> rangeProblems(
      Integer everyMinutes, Integer minute, Integer dayOfMonth) {
    Map<String, String> problems = new LinkedHashMap<>();
    range(problems, "everyMinutes", everyMinutes, MIN_EVERY_MINUTES, MAX_EVERY_MINUTES);
    range(problems, "minute", minute, MIN_MINUTE, MAX_MINUTE);
    range(problems, "dayOfMonth", dayOfMonth, MIN_DAY_OF_MONTH, MAX_DAY_OF_MONTH);
    return problems;
  }

  /**
   * The schedule's problems as one sentence.
   *
   * @throws InvalidScheduleException when it has any
   */
  static void check(ScheduleSpec spec) {
    Map<String, String> problems = problems(spec);
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder(spec.type() + " schedule:");
      problems.forEach(
          (field, problem) ->
              message.append(' ').append(field).append(' ').append(problem).append(';'));
      message.setLength(message.length() - 1);
      throw new InvalidScheduleException(message.toString());
    }
  }

  private static void range(
      Map<String, String> problems, String field, Integer value, int min, int max) {
    if (value != null && value < min) {
      problems.put(field, "must be greater than or equal to " + min);
    } else if (value != null && value > max) {
      problems.put(field, "must be less than or equal to " + max);
    }
  }

  private static void require(Map<String, String> problems, String field, Object value) {
    if (value == null) {
      problems.putIfAbsent(field, REQUIRED);
    }
  }

  private static void cron(Map<String, String> problems, String cron) {
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
}
