package io.syncplan.contracts.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleRulesTest {

  private static ScheduleSpec spec(
      ScheduleType type,
      Integer everyMinutes,
      Integer minute,
      LocalTime time,
      List<DayOfWeek> days,
      Integer dayOfMonth,
      boolean lastDayOfMonth,
      String cron,
      String zone) {
    return new ScheduleSpec(
        type, everyMinutes, minute, time, days, dayOfMonth, lastDayOfMonth, cron, zone, null);
  }

  @Test
  void eachTypeNeedsItsOwnFields() {
    assertThat(
            ScheduleRules.problems(
                spec(ScheduleType.INTERVAL, null, null, null, null, null, false, null, null)))
        .containsExactly(
            org.assertj.core.api.Assertions.entry("everyMinutes", ScheduleRules.REQUIRED));
    assertThat(
            ScheduleRules.problems(
                spec(ScheduleType.HOURLY, null, null, null, null, null, false, null, null)))
        .containsOnlyKeys("minute");
    assertThat(
            ScheduleRules.problems(
                spec(ScheduleType.DAILY, null, null, null, null, null, false, null, null)))
        .containsOnlyKeys("time");
    assertThat(
            ScheduleRules.problems(
                spec(ScheduleType.WEEKLY, null, null, null, null, null, false, null, null)))
        .containsOnlyKeys("time", "days");
    assertThat(
            ScheduleRules.problems(
                spec(
                    ScheduleType.MONTHLY,
                    null,
                    null,
                    LocalTime.NOON,
                    null,
                    null,
                    false,
                    null,
                    null)))
        .containsEntry("dayOfMonth", "is required for MONTHLY unless lastDayOfMonth is true");
    assertThat(
            ScheduleRules.problems(
                spec(
                    ScheduleType.MONTHLY,
                    null,
                    null,
                    LocalTime.NOON,
                    null,
                    null,
                    true,
                    null,
                    null)))
        .isEmpty();
    assertThat(
            ScheduleRules.problems(
                spec(ScheduleType.CRON, null, null, null, null, null, false, " ", null)))
        .containsEntry("cron", "is required for CRON");
  }

  @Test
  void aFieldThatIsSetMustBeInRangeWhateverTheType() {
    assertThat(
            ScheduleRules.problems(
                spec(ScheduleType.DAILY, 0, 60, LocalTime.NOON, null, 32, false, null, null)))
        .containsEntry("everyMinutes", "must be greater than or equal to 1")
        .containsEntry("minute", "must be less than or equal to 59")
        .containsEntry("dayOfMonth", "must be less than or equal to 31");
    assertThat(
            ScheduleRules.problems(
                spec(ScheduleType.INTERVAL, 525_601, null, null, null, null, false, null, null)))
        .containsEntry("everyMinutes", "must be less than or equal to 525600");
  }

  @Test
  void zoneAndCronMustBeReadable() {
    assertThat(
            ScheduleRules.problems(
                spec(
                    ScheduleType.CRON,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    "0 0 25 * * *",
                    "Europe/Atlantis")))
        .containsOnlyKeys("cron", "timeZone")
        .hasEntrySatisfying(
            "cron", message -> assertThat(message).startsWith("is not a valid cron expression: "));
    assertThat(
            ScheduleRules.problems(
                spec(
                    ScheduleType.CRON,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    "@daily",
                    "Asia/Kolkata")))
        .isEmpty();
  }
}
