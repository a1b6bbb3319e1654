package io.syncplan.plan.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.Arrays;
import java.util.List;

/** Checks {@link OneOf} and lists the allowed values in its message. */
class OneOfValidator implements ConstraintValidator<OneOf, String> {

  private List<String> allowed;

  @Override
  public void initialize(OneOf annotation) {
    allowed = Arrays.stream(annotation.value().getEnumConstants()).map(Enum::name).toList();
  }

  @Override
  public boolean isValid(String value, ConstraintValidatorContext context) {
    if (value == null || allowed.contains(value)) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    context
        .buildConstraintViolationWithTemplate("must be one of " + String.join(", ", allowed))
        .addConstraintViolation();
    return false;
  }
}
