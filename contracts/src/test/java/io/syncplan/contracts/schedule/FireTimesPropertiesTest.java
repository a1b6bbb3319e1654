package io.syncplan.contracts.schedule;

import static io.syncplan.contracts.schedule.RandomCases.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

/**
 * The promises of the schedule model (docs/scheduling.md), checked over random schedules, every
 * time zone the JDK knows and instants from 1970 to 2100. Where a property compares with an
 * expected fire time, that time is worked out here the plain way (every matching local time near
 * the instant, mapped to instants as the docs say, the earliest one that is still to come), not the
 * way the model finds it.
 */
class FireTimesPropertiesTest {

  record Case(ScheduleSpec spec, Instant after) {}

  record Transition(String zone, ZoneOffsetTransition transition, LocalDateTime local) {}

  private static Case anySchedule(Random random) {
    return inRandomZone(random, zone -> RandomCases.spec(random, zone));
  }

  /** A schedule in a random zone, and an instant often close to one of its clock changes. */
  private static Case inRandomZone(Random random, Function<String, ScheduleSpec> spec) {
    String zone = RandomCases.zone(random);
    return new Case(spec.apply(zone), RandomCases.instant(random, zone));
  }

  @Test
  void aFireTimeIsAlwaysInTheFuture() {
    forAll(
        3_000,
        FireTimesPropertiesTest::anySchedule,
        example -> {
          Instant next = FireTimes.compile(example.spec()).next(example.after());
          assertThat(next).isNotNull().isAfter(example.after());
        });
  }

  @Test
  void theNextFireTimeIsTheSameFromAnyMomentBeforeIt() {
    forAll(
        2_000,
        random -> {
          Case example = anySchedule(random);
          return new Object[] {example, random.nextDouble()};
        },
        input -> {
          Case example = (Case) input[0];
          FireSchedule schedule = FireTimes.compile(example.spec());
          Instant next = schedule.next(example.after());
          long gap = Duration.between(example.after(), next).toNanos();
          Instant between = example.after().plusNanos((long) (gap * (double) input[1]));
          if (between.isBefore(next)) {
            assertThat(schedule.next(between)).isEqualTo(next);
          }
          assertThat(schedule.next(next)).isAfter(next);
        });
  }

  @Test
  void calendarSchedulesFireAtEveryMatchingLocalTimeMappedAsDocumented() {
    forAll(
        2_000,
        random -> inRandomZone(random, zone -> RandomCases.calendarSpec(random, zone)),
        example ->
            assertThat(FireTimes.compile(example.spec()).next(example.after()))
                .isEqualTo(calendarFireAfter(example.spec(), example.after())));
  }

  @Test
  void cronWithFixedHoursFiresAtEveryMatchingLocalTimeMappedAsDocumented() {
    forAll(
        1_000,
        random ->
            inRandomZone(random, zone -> RandomCases.cron(RandomCases.fixedHourCron(random), zone)),
        example ->
            assertThat(FireTimes.compile(example.spec()).next(example.after()))
                .isEqualTo(fireAfter(example, (local, zone) -> List.of(wallClock(local, zone)))));
  }

  @Test
  void realTimeSchedulesFireAtEveryInstantTheirLocalTimeMatches() {
    forAll(
        1_000,
        random ->
            inRandomZone(
                random,
                zone ->
                    random.nextBoolean()
                        ? RandomCases.hourly(random.nextInt(60), zone)
                        : RandomCases.cron(RandomCases.wildcardHourCron(random), zone)),
        example ->
            assertThat(FireTimes.compile(example.spec()).next(example.after()))
                .isEqualTo(
                    fireAfter(
                        example,
                        (local, zone) ->
                            zone.getRules().getValidOffsets(local).stream()
                                .map(local::toInstant)
                                .toList())));
  }

  @Test
  void aLocalTimeInADaylightSavingGapFiresOnceAsMuchLaterAsTheGapIsLong() {
    forAll(
        1_000,
        random -> transition(random, true),
        example -> {
          ZoneOffsetTransition gap = example.transition();
          Instant documented =
              gap.getInstant().plus(Duration.between(gap.getDateTimeBefore(), example.local()));
          FireSchedule daily =
              FireTimes.compile(RandomCases.daily(example.local().toLocalTime(), example.zone()));
          assertThat(daily.next(documented.minus(Duration.ofHours(12)))).isEqualTo(documented);
          assertThat(daily.next(gap.getInstant().minusNanos(1))).isEqualTo(documented);
          assertThat(daily.next(documented.minusSeconds(1)))
              .as("from just before it, after clocks went forward")
              .isEqualTo(documented);
          assertThat(daily.next(documented))
              .as("the next fire comes a day later, not again shortly after")
              .isAfter(documented.plus(Duration.ofHours(12)));
        });
  }

  @Test
  void aLocalTimeRepeatedWhenClocksGoBackFiresOnceOnTheWallClockAndTwiceOnRealTime() {
    forAll(
        1_000,
        random -> transition(random, false),
        example -> {
          ZoneOffsetTransition overlap = example.transition();
          Instant first = example.local().toInstant(overlap.getOffsetBefore());
          Instant second = example.local().toInstant(overlap.getOffsetAfter());
          FireSchedule daily =
              FireTimes.compile(RandomCases.daily(example.local().toLocalTime(), example.zone()));
          assertThat(daily.next(first.minus(Duration.ofHours(12)))).isEqualTo(first);
          assertThat(daily.next(first)).isAfter(second.plus(Duration.ofHours(12)));

          FireSchedule hourly =
              FireTimes.compile(RandomCases.hourly(example.local().getMinute(), example.zone()));
          int hours = (int) overlap.getDuration().abs().toHours();
          List<Instant> fires = hourly.next(first.minusSeconds(1), hours + 3);
          assertThat(fires).contains(first, second);
        });
  }

  @Test
  void aMonthlyScheduleOnADayAMonthLacksFiresOnThatMonthsLastDay() {
    forAll(
        1_000,
        random -> {
          String zone = RandomCases.zone(random);
          ScheduleSpec spec = RandomCases.monthly(random, zone);
          while (!spec.lastDayOfMonth() && spec.dayOfMonth() < 29) {
            spec = RandomCases.monthly(random, zone);
          }
          return new Object[] {spec, RandomCases.year(random)};
        },
        input -> {
          ScheduleSpec spec = (ScheduleSpec) input[0];
          int year = (int) input[1];
          int day = spec.lastDayOfMonth() ? 31 : spec.dayOfMonth();
          ZoneId zone = ZoneId.of(spec.timeZone());
          List<Instant> expected = new ArrayList<>();
          for (int month = 1; month <= 12; month++) {
            YearMonth yearMonth = YearMonth.of(year, month);
            expected.add(
                wallClock(
                    yearMonth.atDay(Math.min(day, yearMonth.lengthOfMonth())).atTime(spec.time()),
                    zone));
          }
          assertThat(FireTimes.compile(spec).next(expected.get(0).minus(Duration.ofDays(1)), 12))
              .isEqualTo(expected);
        });
  }

  @Test
  void anIntervalFiresOnMultiplesOfItsPeriodCountedFromTheEpoch() {
    forAll(
        2_000,
        random -> new Case(RandomCases.interval(random), RandomCases.instant(random)),
        example -> {
          long period = example.spec().everyMinutes() * 60L;
          Instant next = FireTimes.compile(example.spec()).next(example.after());
          assertThat(next.getEpochSecond() % period).isZero();
          assertThat(Duration.between(example.after(), next))
              .isPositive()
              .isLessThanOrEqualTo(Duration.ofSeconds(period));
        });
  }

  /** A gap (or overlap) of a random zone in a random year, and a whole minute inside it. */
  private static Transition transition(Random random, boolean gap) {
    while (true) {
      String zone = RandomCases.zone(random);
      List<ZoneOffsetTransition> found =
          RandomCases.transitions(zone, RandomCases.year(random), gap);
      if (found.isEmpty()) {
        continue;
      }
      ZoneOffsetTransition transition = found.get(random.nextInt(found.size()));
      LocalDateTime start = gap ? transition.getDateTimeBefore() : transition.getDateTimeAfter();
      long minutes = transition.getDuration().abs().toMinutes();
      LocalDateTime local = start.plusMinutes((long) (random.nextDouble() * minutes));
      if (local.getSecond() == 0 && local.getNano() == 0 && minutes > 0) {
        return new Transition(zone, transition, local);
      }
    }
  }

  /** DAILY, WEEKLY, MONTHLY: the earliest matching local date near {@code after}, mapped. */
  private static Instant calendarFireAfter(ScheduleSpec spec, Instant after) {
    ZoneId zone = ZoneId.of(spec.timeZone());
    LocalDate start = LocalDateTime.ofInstant(after, zone).toLocalDate().minusDays(2);
    Instant earliest = null;
    for (int days = 0; days < 70; days++) {
      LocalDate date = start.plusDays(days);
      if (matches(spec, date)) {
        Instant at = wallClock(date.atTime(spec.time()), zone);
        if (at.isAfter(after) && (earliest == null || at.isBefore(earliest))) {
          earliest = at;
        }
      }
    }
    return earliest;
  }

  private static boolean matches(ScheduleSpec spec, LocalDate date) {
    return switch (spec.type()) {
      case DAILY -> true;
      case WEEKLY -> spec.days().contains(date.getDayOfWeek());
      case MONTHLY ->
          date.getDayOfMonth()
              == Math.min(spec.lastDayOfMonth() ? 31 : spec.dayOfMonth(), date.lengthOfMonth());
      default -> throw new IllegalArgumentException(spec.type().name());
    };
  }

  /** The documented mapping: a gap moves a time later by its length, an overlap takes the first. */
  private static Instant wallClock(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }

  interface Mapping {
    List<Instant> instants(LocalDateTime local, ZoneId zone);
  }

  /**
   * A cron schedule's earliest fire after the case's instant: every local date-time the expression
   * matches, from a day before, mapped to instants, until no earlier one can come.
   */
  private static Instant fireAfter(Case example, Mapping mapping) {
    ZoneId zone = ZoneId.of(example.spec().timeZone());
    CronExpression cron =
        CronExpression.parse(
            example.spec().cron() != null
                ? example.spec().cron()
                : "0 " + example.spec().minute() + " * * * *");
    LocalDateTime local = LocalDateTime.ofInstant(example.after(), zone).minusDays(1);
    Instant earliest = null;
    while ((local = cron.next(local)) != null) {
      for (Instant at : mapping.instants(local, zone)) {
        if (at.isAfter(example.after()) && (earliest == null || at.isBefore(earliest))) {
          earliest = at;
        }
      }
      if (earliest != null
          && local.isAfter(LocalDateTime.ofInstant(earliest, ZoneOffset.UTC).plusDays(2))) {
        return earliest;
      }
    }
    return earliest;
  }
}
