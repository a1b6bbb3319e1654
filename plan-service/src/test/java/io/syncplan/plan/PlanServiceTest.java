package io.syncplan.plan;

import io.syncplan.testsupport.WithKafkaAndMongo;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;

/** The whole plan-service on a random port, against a real Kafka broker and MongoDB. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WithKafkaAndMongo
@SpringBootTest(
    classes = PlanServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=" + PlanServiceApplication.CONFIG_NAME,
      "syncplan.outbox.sweep-interval=500ms",
      "syncplan.security.bootstrap-api-key=" + PlanServiceTest.ADMIN_KEY,
      "syncplan.security.api-key-pepper=" + PlanServiceTest.PEPPER,
      "syncplan.api.plan-list-refresh=200ms",
      "syncplan.api.pools.default.hooks=snapshot-db,notify-team",
      "syncplan.api.hook-max-timeout=30m",
      "syncplan.api.live-run-resync=2s"
    })
@AutoConfigureWebTestClient(timeout = "60s")
@DirtiesContext
public @interface PlanServiceTest {

  /** The admin key every test context accepts (set as the bootstrap key). */
  String ADMIN_KEY = "test-admin-key-7f3c9a1e5b2d8f4a6c0e";

  /** The pepper API keys are hashed with in tests. */
  String PEPPER = "test-pepper-c2VjcmV0LXBlcHBlci1mb3ItdGVzdHM=";

  /** The Authorization header value of {@link #ADMIN_KEY}. */
  String ADMIN = "Bearer " + ADMIN_KEY;
}
