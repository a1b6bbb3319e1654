package io.syncplan.plan.plan;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Map;

/** Checks {@link ValidSchedule}, reporting each problem on the field it concerns. */
class ScheduleValidator implements ConstraintValidator<ValidSchedule, ScheduleRequest> {

  @Override
  public boolean isValid(ScheduleRequest schedule, ConstraintValidatorContext context) {
    if (schedule == null) {
      return true;
    }
    Map<String, String> problems = ScheduleParser.problems(schedule);
    if (problems.isEmpty()) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    problems.forEach(
        (field, message) ->
            context
                .buildConstraintViolationWithTemplate(escape(message))
                .addPropertyNode(field)
                .addConstraintViolation());
    return false;
  }

  /** Messages may quote what the client sent; it must not be read as a message template. */
  private static String escape(String message) {
    return message.replaceAll("([{}$\\\\])", "\\\\$1");
  }
}
