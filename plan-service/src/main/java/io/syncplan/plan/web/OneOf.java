package io.syncplan.plan.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text that must name a constant of an enum. Request records take enums as text so that an
 * unknown value is reported with every other invalid field, instead of failing the whole body.
 */
@Documented
@Constraint(validatedBy = OneOfValidator.class)
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT,
  ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

  Class<? extends Enum<?>> value();

  String message() default "must be one of {values}";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
