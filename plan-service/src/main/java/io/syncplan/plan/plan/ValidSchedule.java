package io.syncplan.plan.plan;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A schedule whose type has the fields it needs, each of them readable. */
@Documented
@Constraint(validatedBy = ScheduleValidator.class)
@Target({ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@interface ValidSchedule {

  String message() default "invalid schedule";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
