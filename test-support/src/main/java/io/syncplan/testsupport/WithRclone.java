package io.syncplan.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class on the rclone under test ({@link TestRclone}), and skips it with the reason
 * when that rclone does not run here (a developer machine without the newest one), or fails it when
 * {@value TestRclone#REQUIRED} is set, as in CI.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RcloneCondition.class)
public @interface WithRclone {}
