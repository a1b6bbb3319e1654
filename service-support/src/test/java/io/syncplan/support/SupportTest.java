package io.syncplan.support;

import io.syncplan.testsupport.WithKafkaAndMongo;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;

/** {@link SupportTestApplication} on a random port against a real Kafka broker and MongoDB. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WithKafkaAndMongo
@SpringBootTest(
    classes = SupportTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=support-test",
      "spring.mongodb.database=support-test",
      "spring.kafka.consumer.auto-offset-reset=earliest",
      "management.endpoints.web.exposure.include=health,prometheus",
      "management.endpoint.health.probes.enabled=true",
      "management.endpoint.health.group.readiness.include=readinessState,mongo,kafka",
      "management.endpoint.health.group.readiness.show-components=always",
      "syncplan.kafka.partitions=1",
      "syncplan.kafka.health-timeout=1s"
    })
@AutoConfigureWebTestClient(timeout = "30s")
@DirtiesContext
@interface SupportTest {}
