package io.syncplan.plan.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks {@link DurationText} and reads such durations. */
public class DurationTextValidator implements ConstraintValidator<DurationText, String> {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

  private long min;
  private long max;

  @Override
  public void initialize(DurationText annotation) {
    min = annotation.min();
    max = annotation.max();
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    if (value == null) {
      return true;
    }
    Duration duration = parse(value);
    String problem = null;
    if (duration == null) {
      problem = "must be a duration such as 30s, 15m, 2h or PT2H";
    } else if (duration.getSeconds() < min || duration.getSeconds() > max) {
      problem = "must be between " + min + " and " + max + " seconds";
    }
    if (problem == null) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
    return false;
  }

  /** The duration, or null when the text is not one. */
  public static Duration parse(String text) {
    if (text == null || text.length() > 40) {
      return null;
    }
    String trimmed = text.strip().toLowerCase(Locale.ROOT);
    Matcher shortForm = SHORT.matcher(trimmed);
    if (shortForm.matches()) {
      long amount = Long.parseLong(shortForm.group(1));
      return switch (shortForm.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      Duration duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
      return duration.isNegative() ? null : duration;
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }
}
