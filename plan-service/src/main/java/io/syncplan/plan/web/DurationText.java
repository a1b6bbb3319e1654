package io.syncplan.plan.web;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A duration as text: ISO-8601 ({@code PT90M}, {@code P1D}) or a number with a unit ({@code 30s},
 * {@code 15m}, {@code 2h}, {@code 1d}), between {@link #min()} and {@link #max()} seconds.
 */
@Documented
@Constraint(validatedBy = DurationTextValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface DurationText {

  long min() default 1;

  long max() default 31L * 24 * 3600;

  String message() default "must be a duration such as 30s, 15m, 2h or PT2H";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
