package io.syncplan.plan.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An absolute path that is safe to hand to rclone as an argument: not empty, starting with '/',
 * without NUL, carriage return or newline, and never read as a flag.
 */
@Documented
@Constraint(validatedBy = SafePathValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@interface SafePath {

  String message() default "must be an absolute path";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
