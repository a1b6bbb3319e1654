package io.syncplan.contracts.schedule;

import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Random schedules, zones and instants for property tests, and a loop that runs a property over
 * many of them. The seed is new each run and printed with a failing case; {@code
 * -Dsyncplan.schedule.seed=N} runs the same cases again.
 */
final class RandomCases {

  /** Every zone the JDK knows, in a fixed order, so that a seed always picks the same ones. */
  static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

  private static final String[] MINUTES = {"0", "30", "*/15", "5,35", "0-10/5", "*/7"};
  private static final String[] FIXED_HOURS = {"0", "2", "3", "1-3", "2,14", "23", "0/6"};
  private static final String[] WILDCARD_HOURS = {"*", "*/2", "*/3"};
  private static final String[] DAYS_OF_MONTH = {"*", "*", "1", "15", "28", "L", "1-7"};
  private static final String[] DAYS_OF_WEEK = {"*", "*", "MON-FRI", "SUN", "SAT,SUN"};

  private RandomCases() {}

  static <T> void forAll(int tries, Function<Random, T> cases, Consumer<T> property) {
    String fixed = System.getProperty("syncplan.schedule.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : new SecureRandom().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < tries; i++) {
      T example = cases.apply(random);
      try {
        property.accept(example);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "Fails for "
                + example
                + " (case "
                + i
                + "; run again with -Dsyncplan.schedule.seed="
                + seed
                + "): "
                + e.getMessage(),
            e);
      }
    }
  }

  static String zone(Random random) {
    return random.nextInt(10) == 0 ? "UTC" : ZONES.get(random.nextInt(ZONES.size()));
  }

  /** An instant between 1970 and 2100. */
  static Instant instant(Random random) {
    long from = LocalDateTime.of(1970, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    long to = LocalDateTime.of(2100, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    return Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)));
  }

  /**
   * An instant between 1970 and 2100, within three hours of one of the zone's daylight-saving
   * transitions a third of the time.
   */
  static Instant instant(Random random, String zone) {
    if (random.nextInt(3) == 0) {
      var rules = ZoneId.of(zone).getRules();
      ZoneOffsetTransition transition = rules.nextTransition(instant(random));
      if (transition != null) {
        return transition.getInstant().plusSeconds(random.nextInt(6 * 3600) - 3 * 3600L);
      }
    }
    return instant(random);
  }

  static int year(Random random) {
    return 1970 + random.nextInt(131);
  }

  /** A time of day, whole minutes mostly, near the usual transition hours often. */
  static LocalTime time(Random random) {
    int hour = random.nextBoolean() ? random.nextInt(24) : 1 + random.nextInt(3);
    int second = random.nextInt(5) == 0 ? random.nextInt(60) : 0;
    return LocalTime.of(hour, random.nextInt(60), second);
  }

  static ScheduleSpec spec(Random random, String zone) {
    ScheduleType type = ScheduleType.values()[random.nextInt(ScheduleType.values().length)];
    return switch (type) {
      case INTERVAL -> interval(random);
      case HOURLY -> hourly(random.nextInt(60), zone);
      case DAILY -> daily(time(random), zone);
      case WEEKLY -> weekly(time(random), days(random), zone);
      case MONTHLY -> monthly(random, zone);
      case CRON ->
          cron(random.nextBoolean() ? wildcardHourCron(random) : fixedHourCron(random), zone);
    };
  }

  /** A wall-clock schedule: DAILY, WEEKLY or MONTHLY. */
  static ScheduleSpec calendarSpec(Random random, String zone) {
    return switch (random.nextInt(3)) {
      case 0 -> daily(time(random), zone);
      case 1 -> weekly(time(random), days(random), zone);
      default -> monthly(random, zone);
    };
  }

  static ScheduleSpec interval(Random random) {
    int[] common = {1, 5, 15, 60, 90, 1440, 10_080};
    int minutes =
        random.nextBoolean()
            ? common[random.nextInt(common.length)]
            : 1 + random.nextInt(ScheduleRules.MAX_EVERY_MINUTES);
    return ScheduleSpec.everyMinutes(minutes);
  }

  static ScheduleSpec monthly(Random random, String zone) {
    return random.nextInt(4) == 0
        ? new ScheduleSpec(
            ScheduleType.MONTHLY, null, null, time(random), null, null, true, null, zone, null)
        : new ScheduleSpec(
            ScheduleType.MONTHLY,
            null,
            null,
            time(random),
            null,
            random.nextBoolean() ? 28 + random.nextInt(4) : 1 + random.nextInt(31),
            false,
            null,
            zone,
            null);
  }

  static ScheduleSpec hourly(int minute, String zone) {
    return new ScheduleSpec(
        ScheduleType.HOURLY, null, minute, null, null, null, false, null, zone, null);
  }

  static ScheduleSpec daily(LocalTime time, String zone) {
    return new ScheduleSpec(
        ScheduleType.DAILY, null, null, time, null, null, false, null, zone, null);
  }

  static ScheduleSpec weekly(LocalTime time, List<DayOfWeek> days, String zone) {
    return new ScheduleSpec(
        ScheduleType.WEEKLY, null, null, time, days, null, false, null, zone, null);
  }

  static ScheduleSpec cron(String expression, String zone) {
    return new ScheduleSpec(
        ScheduleType.CRON, null, null, null, null, null, false, expression, zone, null);
  }

  static List<DayOfWeek> days(Random random) {
    List<DayOfWeek> days = new ArrayList<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      if (random.nextInt(3) == 0) {
        days.add(day);
      }
    }
    return days.isEmpty() ? List.of(DayOfWeek.of(1 + random.nextInt(7))) : days;
  }

  static String fixedHourCron(Random random) {
    return cronWith(random, FIXED_HOURS);
  }

  static String wildcardHourCron(Random random) {
    return cronWith(random, WILDCARD_HOURS);
  }

  private static String cronWith(Random random, String[] hours) {
    return String.join(
        " ",
        random.nextInt(4) == 0 ? "*/20" : "0",
        pick(random, MINUTES),
        pick(random, hours),
        pick(random, DAYS_OF_MONTH),
        "*",
        pick(random, DAYS_OF_WEEK));
  }

  /** The transitions of a zone in a year, gaps or overlaps, empty where it has none. */
  static List<ZoneOffsetTransition> transitions(String zone, int year, boolean gaps) {
    var rules = ZoneId.of(zone).getRules();
    Instant end = LocalDateTime.of(year + 1, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);
    List<ZoneOffsetTransition> found = new ArrayList<>();
    ZoneOffsetTransition next =
        rules.nextTransition(LocalDateTime.of(year, 1, 1, 0, 0).toInstant(ZoneOffset.UTC));
    while (next != null && next.getInstant().isBefore(end)) {
      if (next.isGap() == gaps) {
        found.add(next);
      }
      next = rules.nextTransition(next.getInstant());
    }
    return found;
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  static String describe(Object... parts) {
    return Arrays.toString(parts);
  }
}
