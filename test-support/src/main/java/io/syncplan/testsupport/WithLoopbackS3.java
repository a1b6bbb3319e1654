package io.syncplan.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real S3 endpoint on loopback ({@link LoopbackS3}): a test method or
 * constructor may take it as a parameter. One server serves every such test of the JVM (each test
 * uses buckets of its own); it starts with the first and stops with the JVM's last test. The test
 * is skipped with the reason where the server's jar is missing (a test run outside Maven), or fails
 * there when {@value TestRclone#REQUIRED} is set.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LoopbackS3Extension.class)
public @interface WithLoopbackS3 {}
