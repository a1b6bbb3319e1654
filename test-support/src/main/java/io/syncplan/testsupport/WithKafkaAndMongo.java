package io.syncplan.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real Kafka broker and a MongoDB, and points Spring Boot at them
 * ({@code spring.kafka.bootstrap-servers}, {@code spring.mongodb.uri}). A test method or
 * constructor may take {@link TestInfrastructure} as a parameter, for example to stop Kafka.
 *
 * <p>Put it before {@code @SpringBootTest} so the infrastructure is up before the context starts.
 * Combine it with {@code @DirtiesContext}: two cached contexts of one service would share its
 * consumer group and take each other's partitions.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SyncplanInfrastructureExtension.class)
public @interface WithKafkaAndMongo {}
