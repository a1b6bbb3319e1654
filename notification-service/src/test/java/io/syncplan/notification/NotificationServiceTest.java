package io.syncplan.notification;

import io.syncplan.testsupport.WithKafkaAndMongo;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * notification-service against the real Kafka broker and MongoDB of the test JVM, with quick
 * retries so that tests of backoff and recovery take seconds. Webhooks may go to loopback, where
 * the tests' receivers are; {@code WebhookNetworkPolicyTest} runs without that allowance.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WithKafkaAndMongo
@SpringBootTest(
    classes = NotificationServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.config.name=" + NotificationServiceApplication.CONFIG_NAME,
      "syncplan.notifications.public-base-url=https://syncplan.example.com",
      "syncplan.notifications.delivery.max-attempts=5",
      "syncplan.notifications.delivery.initial-backoff=100ms",
      "syncplan.notifications.delivery.max-backoff=1s",
      "syncplan.notifications.delivery.timeout=5s",
      "syncplan.notifications.delivery.lease=10s",
      "syncplan.notifications.delivery.sweep-interval=200ms",
      "syncplan.network.allow=" + NotificationServiceTest.LOOPBACK
    })
@DirtiesContext
public @interface NotificationServiceTest {

  /** Where the tests' webhook receivers listen. */
  String LOOPBACK = "127.0.0.0/8,::1";
}
