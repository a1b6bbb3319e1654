package io.syncplan.contracts.schedule;

import static io.syncplan.contracts.schedule.RandomCases.cron;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleRulesTest {

  /** A schedule of a type with none of its fields set. */
  private static Map<String, String> problemsOfBare(ScheduleType type) {
    return ScheduleRules.problems(
        new ScheduleSpec(type, null, null, null, null, null, false, null, null, null));
  }

  private static Map<String, String> problemsOfMonthly(Integer day, boolean lastDay) {
    return ScheduleRules.problems(
        new ScheduleSpec(
            ScheduleType.MONTHLY,
            null,
            null,
            LocalTime.NOON,
            null,
            day,
            lastDay,
            null,
            null,
            null));
  }

  @Test
  void eachTypeNeedsItsOwnFields() {
    assertThat(problemsOfBare(ScheduleType.INTERVAL))
        .containsExactly(entry("everyMinutes", ScheduleRules.REQUIRED));
    assertThat(problemsOfBare(ScheduleType.HOURLY)).containsOnlyKeys("minute");
    assertThat(problemsOfBare(ScheduleType.DAILY)).containsOnlyKeys("time");
    assertThat(problemsOfBare(ScheduleType.WEEKLY)).containsOnlyKeys("time", "days");
    assertThat(problemsOfBare(ScheduleType.CRON)).containsEntry("cron", "is required for CRON");
    assertThat(problemsOfMonthly(null, false))
        .containsEntry("dayOfMonth", "is required for MONTHLY unless lastDayOfMonth is true");
    assertThat(problemsOfMonthly(null, true)).isEmpty();
  }

  @Test
  void aFieldThatIsSetMustBeInRangeWhateverTheType() {
    assertThat(ScheduleRules.rangeProblems(0, 60, 32))
        .containsExactly(
            entry("everyMinutes", "must be greater than or equal to 1"),
            entry("minute", "must be less than or equal to 59"),
            entry("dayOfMonth", "must be less than or equal to 31"));
    assertThat(ScheduleRules.problems(ScheduleSpec.everyMinutes(525_601)))
        .containsExactly(entry("everyMinutes", "must be less than or equal to 525600"));
    assertThat(problemsOfMonthly(0, false))
        .containsExactly(entry("dayOfMonth", "must be greater than or equal to 1"));
  }

  @Test
  void zoneAndCronMustBeReadable() {
    assertThat(ScheduleRules.problems(cron("0 0 25 * * *", "Europe/Atlantis")))
        .containsOnlyKeys("cron", "timeZone")
        .hasEntrySatisfying(
            "cron", message -> assertThat(message).startsWith("is not a valid cron expression: "));
    assertThat(ScheduleRules.problems(cron("@daily", "Asia/Kolkata"))).isEmpty();
  }
}
