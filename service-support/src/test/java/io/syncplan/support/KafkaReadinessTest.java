package io.syncplan.support;

import static org.awaitility.Awaitility.await;

import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Runs last: it stops the broker every test class of this module shares. */
@SupportTest
@Order(Integer.MAX_VALUE)
class KafkaReadinessTest {

  @Autowired WebTestClient web;

  @Test
  void readinessFollowsKafkaWhileLivenessStaysUp(TestInfrastructure infrastructure) {
    web.get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.kafka.status")
        .isEqualTo("UP")
        .jsonPath("$.components.mongo.status")
        .isEqualTo("UP");

    infrastructure.stopKafka();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  web.get()
                      .uri("/actuator/health/readiness")
                      .exchange()
                      .expectStatus()
                      .isEqualTo(503)
                      .expectBody()
                      .jsonPath("$.status")
                      .isEqualTo("DOWN")
                      .jsonPath("$.components.kafka.status")
                      .isEqualTo("DOWN")
                      .jsonPath("$.components.mongo.status")
                      .isEqualTo("UP"));
      web.get()
          .uri("/actuator/health/liveness")
          .exchange()
          .expectStatus()
          .isOk()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("UP");
    } finally {
      infrastructure.startKafka();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                web.get()
                    .uri("/actuator/health/readiness")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.components.kafka.status")
                    .isEqualTo("UP"));
  }
}
