package io.syncplan.plan.plan;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Source and destination are different places and neither lies inside the other. */
@Documented
@Constraint(validatedBy = PlanValidator.class)
@Target({ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@interface ValidPlan {

  String message() default "invalid plan";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
