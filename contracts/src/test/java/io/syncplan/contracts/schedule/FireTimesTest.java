package io.syncplan.contracts.schedule;

import static io.syncplan.contracts.schedule.RandomCases.cron;
import static io.syncplan.contracts.schedule.RandomCases.daily;
import static io.syncplan.contracts.schedule.RandomCases.hourly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fire times against the real zone rules of the JDK. In Europe/Berlin in 2026 clocks go forward
 * from 02:00 to 03:00 on 29 March and back from 03:00 to 02:00 on 25 October.
 */
class FireTimesTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static ScheduleSpec weekly(LocalTime time, String zone, DayOfWeek... days) {
    return new ScheduleSpec(
        ScheduleType.WEEKLY, null, null, time, List.of(days), null, false, null, zone, null);
  }

  static ScheduleSpec monthly(int day, LocalTime time, String zone) {
    return new ScheduleSpec(
        ScheduleType.MONTHLY, null, null, time, null, day, false, null, zone, null);
  }

  static ScheduleSpec lastDayOfMonth(LocalTime time, String zone) {
    return new ScheduleSpec(
        ScheduleType.MONTHLY, null, null, time, null, null, true, null, zone, null);
  }

  /** Every fire strictly after {@code from} and not after {@code to}, as local times in Berlin. */
  static List<String> fires(ScheduleSpec spec, String from, String to, ZoneId zone) {
    FireSchedule schedule = FireTimes.compile(spec);
    Instant end = LocalDateTime.parse(to).atZone(zone).toInstant();
    List<String> fires = new ArrayList<>();
    Instant at = LocalDateTime.parse(from).atZone(zone).toInstant();
    while ((at = schedule.next(at)) != null && !at.isAfter(end)) {
      fires.add(ZonedDateTime.ofInstant(at, zone).toOffsetDateTime().toString());
    }
    return fires;
  }

  @Test
  void dailyRunAtSkippedTimeFiresOnceAnHourLaterOnSpringForwardDay() {
    assertThat(
            fires(
                daily(LocalTime.of(2, 30), "Europe/Berlin"),
                "2026-03-28T00:00",
                "2026-03-30T23:00",
                BERLIN))
        .containsExactly(
            "2026-03-28T02:30+01:00", "2026-03-29T03:30+02:00", "2026-03-30T02:30+02:00");
  }

  @Test
  void dailyRunAtRepeatedTimeFiresOnceAtFirstOccurrenceOnFallBackDay() {
    assertThat(
            fires(
                daily(LocalTime.of(2, 30), "Europe/Berlin"),
                "2026-10-24T00:00",
                "2026-10-26T23:00",
                BERLIN))
        .containsExactly(
            "2026-10-24T02:30+02:00", "2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00");
  }

  @Test
  void dailyRunCreatedDuringSecondPassOfRepeatedHourWaitsForNextDay() {
    Instant secondPass =
        ZonedDateTime.of(2026, 10, 25, 2, 10, 0, 0, BERLIN).withLaterOffsetAtOverlap().toInstant();
    Instant next = FireTimes.compile(daily(LocalTime.of(2, 30), "Europe/Berlin")).next(secondPass);
    assertThat(next.atZone(BERLIN).toOffsetDateTime()).hasToString("2026-10-26T02:30+01:00");
  }

  @Test
  void dailyRunCreatedJustAfterSpringForwardStillFiresAtItsShiftedTimeThatDay() {
    // 03:10 on 29 March: 02:30 does not exist today; it fires at 03:30, which is still to come.
    Instant created = ZonedDateTime.of(2026, 3, 29, 3, 10, 0, 0, BERLIN).toInstant();
    Instant next = FireTimes.compile(daily(LocalTime.of(2, 30), "Europe/Berlin")).next(created);
    assertThat(next.atZone(BERLIN).toOffsetDateTime()).hasToString("2026-03-29T03:30+02:00");
  }

  @Test
  void cronFiringEverySecondOfRepeatedHourFiresOnlyOnItsFirstPass() {
    Instant secondPassStarts =
        ZonedDateTime.of(2026, 10, 25, 2, 0, 0, 0, BERLIN).withLaterOffsetAtOverlap().toInstant();
    Instant next = FireTimes.compile(cron("* * 2 * * *", "Europe/Berlin")).next(secondPassStarts);
    assertThat(next.atZone(BERLIN).toOffsetDateTime()).hasToString("2026-10-26T02:00+01:00");
  }

  @Test
  void hourlyCountsRealHoursAcrossBothChanges() {
    assertThat(fires(hourly(30, "Europe/Berlin"), "2026-03-29T00:00", "2026-03-29T04:00", BERLIN))
        .containsExactly(
            "2026-03-29T00:30+01:00", "2026-03-29T01:30+01:00", "2026-03-29T03:30+02:00");
    assertThat(fires(hourly(30, "Europe/Berlin"), "2026-10-25T01:00", "2026-10-25T03:59", BERLIN))
        .containsExactly(
            "2026-10-25T01:30+02:00",
            "2026-10-25T02:30+02:00",
            "2026-10-25T02:30+01:00",
            "2026-10-25T03:30+01:00");
  }

  @Test
  void weeklyFiresOnChosenDaysInPlanZone() {
    ZoneId newYork = ZoneId.of("America/New_York");
    assertThat(
            fires(
                weekly(
                    LocalTime.of(2, 30), "America/New_York", DayOfWeek.SUNDAY, DayOfWeek.WEDNESDAY),
                "2026-03-01T00:00",
                "2026-03-12T00:00",
                newYork))
        // 8 March 2026: New York skips 02:00 to 03:00.
        .containsExactly(
            "2026-03-01T02:30-05:00",
            "2026-03-04T02:30-05:00",
            "2026-03-08T03:30-04:00",
            "2026-03-11T02:30-04:00");
  }

  @Test
  void monthlyDay31FiresOnLastDayOfShorterMonths() {
    assertThat(
            fires(
                monthly(31, LocalTime.of(23, 0), "UTC"),
                "2026-01-01T00:00",
                "2026-06-30T23:59",
                ZoneId.of("UTC")))
        .containsExactly(
            "2026-01-31T23:00Z",
            "2026-02-28T23:00Z",
            "2026-03-31T23:00Z",
            "2026-04-30T23:00Z",
            "2026-05-31T23:00Z",
            "2026-06-30T23:00Z");
  }

  @Test
  void monthlyDay30FiresOnThe30thAndOnLastDayOfFebruaryInLeapYears() {
    assertThat(
            fires(
                monthly(30, LocalTime.of(6, 0), "UTC"),
                "2028-01-01T00:00",
                "2028-03-31T00:00",
                ZoneId.of("UTC")))
        .containsExactly("2028-01-30T06:00Z", "2028-02-29T06:00Z", "2028-03-30T06:00Z");
  }

  @Test
  void lastDayOfMonthFiresOnEveryMonthsLastDay() {
    assertThat(
            fires(
                lastDayOfMonth(LocalTime.of(1, 0), "Europe/Berlin"),
                "2026-01-15T00:00",
                "2026-04-30T12:00",
                BERLIN))
        .containsExactly(
            "2026-01-31T01:00+01:00",
            "2026-02-28T01:00+01:00",
            "2026-03-31T01:00+02:00",
            "2026-04-30T01:00+02:00");
  }

  @Test
  void monthlyAtSkippedTimeFiresOnceLater() {
    // 29 March 2026 in Berlin has no 02:30.
    assertThat(
            fires(
                monthly(29, LocalTime.of(2, 30), "Europe/Berlin"),
                "2026-03-01T00:00",
                "2026-04-30T00:00",
                BERLIN))
        .containsExactly("2026-03-29T03:30+02:00", "2026-04-29T02:30+02:00");
  }

  @Test
  void cronWithFixedHoursRunsOnWallClock() {
    assertThat(
            fires(
                cron("0 30 2 * * *", "Europe/Berlin"),
                "2026-03-28T12:00",
                "2026-03-29T12:00",
                BERLIN))
        .containsExactly("2026-03-29T03:30+02:00");
    assertThat(
            fires(
                cron("0 30 2 * * *", "Europe/Berlin"),
                "2026-10-25T00:00",
                "2026-10-25T12:00",
                BERLIN))
        .containsExactly("2026-10-25T02:30+02:00");
  }

  @Test
  void cronSkippedTimesFoldIntoOneFireAfterGap() {
    // 02:00, 02:20 and 02:40 do not exist on 29 March; they all become 03:00-ish once, not thrice.
    assertThat(
            fires(
                cron("0 0/20 1-3 * * *", "Europe/Berlin"),
                "2026-03-29T01:30",
                "2026-03-29T03:50",
                BERLIN))
        .containsExactly(
            "2026-03-29T01:40+01:00",
            "2026-03-29T03:00+02:00",
            "2026-03-29T03:20+02:00",
            "2026-03-29T03:40+02:00");
  }

  @Test
  void cronWithWildcardHourRunsOnRealTime() {
    assertThat(
            fires(
                cron("0 0/30 * * * *", "Europe/Berlin"),
                "2026-10-25T02:00",
                "2026-10-25T03:00",
                BERLIN))
        .containsExactly(
            "2026-10-25T02:30+02:00",
            "2026-10-25T02:00+01:00",
            "2026-10-25T02:30+01:00",
            "2026-10-25T03:00+01:00");
  }

  @Test
  void intervalIsAlignedToEpochWhateverTheStart() {
    FireSchedule every15 = FireTimes.compile(ScheduleSpec.everyMinutes(15));
    assertThat(every15.next(Instant.parse("2026-11-26T10:07:12Z")))
        .isEqualTo(Instant.parse("2026-11-26T10:15:00Z"));
    assertThat(every15.next(Instant.parse("2026-11-26T10:15:00Z")))
        .isEqualTo(Instant.parse("2026-11-26T10:30:00Z"));
  }

  @Test
  void invalidSchedulesAreRefusedWithReason() {
    assertThatThrownBy(() -> FireTimes.compile(ScheduleSpec.everyMinutes(0)))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessage("INTERVAL schedule: everyMinutes must be greater than or equal to 1");
    assertThatThrownBy(() -> FireTimes.compile(cron("not a cron", "UTC")))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageStartingWith("CRON schedule: cron is not a valid cron expression");
    assertThatThrownBy(() -> FireTimes.compile(daily(LocalTime.NOON, "Mars/Olympus")))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("timeZone is not a known time zone");
    assertThatThrownBy(() -> FireTimes.compile(monthly(32, LocalTime.NOON, "UTC")))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessage("MONTHLY schedule: dayOfMonth must be less than or equal to 31");
    assertThatThrownBy(() -> FireTimes.compile(weekly(LocalTime.NOON, "UTC")))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessage("WEEKLY schedule: days must name at least one day for WEEKLY");
  }

  @Test
  void schedulesWithTheSameTimingShareOneCompiledSchedule() {
    ScheduleSpec skip = daily(LocalTime.NOON, "UTC");
    ScheduleSpec queue =
        new ScheduleSpec(
            ScheduleType.DAILY,
            null,
            null,
            LocalTime.NOON,
            null,
            null,
            false,
            null,
            "UTC",
            OverlapPolicy.QUEUE_ONE);
    assertThat(FireTimes.compile(queue)).isSameAs(FireTimes.compile(skip));
  }
}
