package io.syncplan.plan.storage;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A known rclone backend, with options and secrets that backend knows. */
@Documented
@Constraint(validatedBy = StorageValidator.class)
@Target({ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@interface ValidStorage {

  String message() default "invalid storage";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
