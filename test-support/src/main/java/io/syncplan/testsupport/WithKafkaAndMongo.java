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
 * Contexts of one service share its consumer groups. Spring pauses a cached context when a test
 * class needs another one (its listeners and scheduled tasks stop), so only the context in use
 * takes partitions; but the last context used keeps running until another is asked for, beside
 * instances a test starts itself. Where a context left running would disturb the test classes after
 * it (a scheduler that fires, instances a test starts itself), close it with
 * {@code @DirtiesContext}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SyncplanInfrastructureExtension.class)
public @interface WithKafkaAndMongo {}
