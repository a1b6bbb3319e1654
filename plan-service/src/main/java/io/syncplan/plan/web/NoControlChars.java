package io.syncplan.plan.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text without NUL, line breaks or other control characters: such text ends up in rclone arguments,
 * filter files and HTTP headers, where a line break would start something new.
 */
@Documented
@Constraint(validatedBy = NoControlCharsValidator.class)
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT,
  ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface NoControlChars {

  String message() default "must not contain NUL, line breaks or other control characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
