package io.syncplan.plan.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link NoControlChars}. */
class NoControlCharsValidator implements ConstraintValidator<NoControlChars, String> {

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    return value == null || !hasControlChars(value);
  }

  public static boolean hasControlChars(String value) {
    return value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t');
  }
}
