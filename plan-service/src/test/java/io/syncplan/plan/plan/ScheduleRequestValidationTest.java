package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.JsonProblems;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorFactory;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.reflect.Constructor;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A schedule in an API request, checked by the rules every service shares. */
class ScheduleRequestValidationTest {

  /** Validators as the application has them: Spring makes package-private ones, so does this. */
  private static final ValidatorFactory FACTORY =
      Validation.byDefaultProvider()
          .configure()
          .constraintValidatorFactory(
              new ConstraintValidatorFactory() {
                @Override
                public <T extends ConstraintValidator<?, ?>> T getInstance(Class<T> type) {
                  try {
                    Constructor<T> constructor = type.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    return constructor.newInstance();
                  } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                  }
                }

                @Override
                public void releaseInstance(ConstraintValidator<?, ?> instance) {}
              })
          .buildValidatorFactory();

  private static final Validator VALIDATOR = FACTORY.getValidator();

  @AfterAll
  static void close() {
    FACTORY.close();
  }

  private static ScheduleRequest request(
      String type,
      Integer everyMinutes,
      Integer minute,
      String time,
      List<String> days,
      Integer dayOfMonth,
      String cron,
      String zone) {
    return new ScheduleRequest(
        type, everyMinutes, minute, time, days, dayOfMonth, null, cron, zone, null, null);
  }

  private static List<FieldProblem> problems(ScheduleRequest request) {
    return JsonProblems.of(VALIDATOR.validate(request));
  }

  @Test
  void eachOffendingFieldIsNamedOnceWithWhyItIsWrong() {
    assertThat(problems(request("INTERVAL", 0, 60, null, null, 32, null, "Mars/Olympus")))
        .containsExactly(
            new FieldProblem("dayOfMonth", "must be less than or equal to 31"),
            new FieldProblem("everyMinutes", "must be greater than or equal to 1"),
            new FieldProblem("minute", "must be less than or equal to 59"),
            new FieldProblem(
                "timeZone", "is not a known time zone (use an IANA id such as Europe/Berlin)"));
    assertThat(
            problems(request("WEEKLY", null, null, "25:00", List.of("FUNDAY"), null, null, null)))
        .containsExactly(
            new FieldProblem("days", "must be days of the week, MONDAY to SUNDAY"),
            new FieldProblem("time", "must be a time of day as HH:mm"));
    assertThat(problems(request("CRON", null, null, null, null, null, "0 0 25 * * *", null)))
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).startsWith("is not a valid cron"));
  }

  @Test
  void numbersOutOfRangeAreNamedEvenWhenTheTypeIsUnknown() {
    assertThat(problems(request("BIWEEKLY", 0, null, null, null, null, null, null)))
        .extracting(FieldProblem::field)
        .containsExactly("everyMinutes", "type");
  }

  @Test
  void pauseAfterFailuresBelowOneIsNamedAndAValidOneReachesTheSpec() {
    assertThat(
            problems(
                new ScheduleRequest(
                    "INTERVAL", 15, null, null, null, null, null, null, null, null, 0)))
        .containsExactly(
            new FieldProblem("pauseAfterFailures", "must be greater than or equal to 1"));
    ScheduleRequest pausing =
        new ScheduleRequest("INTERVAL", 15, null, null, null, null, null, null, null, null, 3);
    assertThat(problems(pausing)).isEmpty();
    assertThat(ScheduleParser.toSpec(pausing).pauseAfterFailures()).isEqualTo(3);
  }

  @Test
  void aValidRequestReadsAsTheSpecItDescribes() {
    ScheduleRequest weekly =
        request("WEEKLY", null, null, "02:30", List.of("monday", " FRIDAY"), null, null, "+1");
    assertThat(problems(weekly)).isEmpty();
    assertThat(ScheduleParser.toSpec(weekly))
        .isEqualTo(
            new ScheduleSpec(
                ScheduleType.WEEKLY,
                null,
                null,
                LocalTime.of(2, 30),
                List.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                null,
                false,
                null,
                "+01:00",
                null));
  }
}
