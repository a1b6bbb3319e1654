package io.syncplan.scheduler;

import io.syncplan.testsupport.MutableClock;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * One scheduler against the real Kafka broker and MongoDB, ticking every 50 ms on a clock the test
 * moves (the context's {@link MutableClock}), with a leader lease of 1 s. The test class names the
 * scheduler ({@code spring.application.name}, its consumer groups) and its database with a {@code
 * TestPropertySource} of its own. Each class's scheduler stops when the class ends: one left
 * running would fire for the plans of the classes after it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WithKafkaAndMongo
@SpringBootTest(
    classes = {SchedulerServiceApplication.class, OneScheduler.MovedClock.class},
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.config.name=" + SchedulerServiceApplication.CONFIG_NAME,
      "syncplan.scheduler.tick=50ms",
      "syncplan.scheduler.lease=1s",
      "syncplan.scheduler.lease-renewal=200ms"
    })
@DirtiesContext
@interface OneScheduler {

  /** The scheduler's clock, 30 s past 10:00 on 26 November 2026 until a test moves it. */
  @TestConfiguration(proxyBeanMethods = false)
  class MovedClock {
    @Bean
    MutableClock clock() {
      return new MutableClock(Instant.parse("2026-11-26T10:00:30Z"));
    }
  }
}
