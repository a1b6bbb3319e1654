package io.syncplan.plan.plan;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A local endpoint has an absolute path; a storage endpoint a path safe for rclone. */
@Documented
@Constraint(validatedBy = EndpointValidator.class)
@Target({ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@interface ValidEndpoint {

  String message() default "invalid endpoint";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
