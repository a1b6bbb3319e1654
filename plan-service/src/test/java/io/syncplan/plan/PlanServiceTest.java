package io.syncplan.plan;

import io.syncplan.testsupport.WithKafkaAndMongo;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The whole plan-service on a random port, against a real Kafka broker and MongoDB.
 *
 * <p>Test classes with the same configuration share one context, started once for all of them; each
 * class that adds properties of its own ({@code @TestPropertySource}, {@code
 * DynamicPropertySource}) has one more. Only the context in use runs: Spring pauses the others
 * (their Kafka listeners, the live run feed and the scheduled tasks stop, and so leave the consumer
 * groups to it) and resumes one when a class needs it again. All contexts keep this service's
 * consumer group ids, so a context picks up at the offsets the one before it committed instead of
 * reading the topics again from their beginning; the events the paused one had not read yet are
 * read by the next, into its own store if it has a database of its own. What a context keeps lives
 * on between classes: the store, the topics, and in memory the plan list, the gauges and the runs
 * seen live. So a test works on plans, runs, keys and names of its own and looks only at those (a
 * filter, an id, a counter read before and after), never at totals.
 */
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
public @interface PlanServiceTest {

  /** The admin key every test context accepts (set as the bootstrap key). */
  String ADMIN_KEY = "test-admin-key-7f3c9a1e5b2d8f4a6c0e";

  /** The pepper API keys are hashed with in tests. */
  String PEPPER = "test-pepper-c2VjcmV0LXBlcHBlci1mb3ItdGVzdHM=";

  /** The Authorization header value of {@link #ADMIN_KEY}. */
  String ADMIN = "Bearer " + ADMIN_KEY;
}
