package io.syncplan.plan.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.plan.HistoryMaintenanceTest;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.plan.plan.PlanDocument;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A plan's outbox is bounded (64 KB here): while Kafka is away, run requests are taken until it is
 * full, then refused with 503, problem+json and Retry-After, losing nothing taken before and
 * keeping nothing of the refused one; once Kafka is back everything taken goes out, in order, and
 * requests are taken again.
 */
@HistoryMaintenanceTest
class OutboxBoundTest {

  @Autowired WebTestClient http;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired CommandTopics commandTopics;

  @Test
  void aFullOutboxRefusesWith503AndRetryAfterAndLosesNothing(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    commandTopics.ensure("default").block();
    String planId =
        (String)
            http.post()
                .uri("/api/v1/plans")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                    """
                    {"name":"bounded","source":{"path":"/data/b"},
                     "destination":{"path":"/backup/b"},"mode":"MIRROR"}
                    """)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    List<String> accepted = new ArrayList<>();
    EntityExchangeResult<String> refused = null;
    infrastructure.stopKafka();
    try {
      for (int i = 0; i < 500 && refused == null; i++) {
        EntityExchangeResult<String> response =
            http.post()
                .uri("/api/v1/plans/{id}/runs", planId)
                .exchange()
                .expectBody(String.class)
                .returnResult();
        if (response.getStatus().value() == 202) {
          accepted.add(response.getResponseBody().replaceAll(".*\"runId\":\"([^\"]+)\".*", "$1"));
        } else {
          refused = response;
        }
      }
      assertThat(refused).as("a request refused before 500").isNotNull();
      assertThat(refused.getStatus().value()).isEqualTo(503);
      assertThat(refused.getResponseHeaders().getContentType())
          .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("7");
      assertThat(refused.getResponseBody()).contains("outbox-full");
      assertThat(accepted).hasSizeGreaterThan(5);
      // the refused request left no run behind: one left QUEUED would be asked after once stale,
      // and its command sent after all
      assertThat(
              mongo
                  .count(Query.query(Criteria.where("planId").is(planId)), "runs")
                  .block(Duration.ofSeconds(10)))
          .isEqualTo(accepted.size());
      Document stored =
          mongo.findById(planId, Document.class, "plans").block(Duration.ofSeconds(10));
      assertThat(stored.get(OutboxRelay.OUTBOX_BYTES, Number.class).longValue())
          .isLessThanOrEqualTo(64 * 1024);
      // Waiting for Kafka is nobody's fault: runs whose commands wait in the outbox are neither
      // asked after nor ended, however long the outage (three times stale-after here).
      Awaitility.await()
          .during(Duration.ofSeconds(6))
          .atMost(Duration.ofSeconds(30))
          .until(() -> accepted.stream().allMatch(runId -> "QUEUED".equals(status(runId))));
    } finally {
      infrastructure.startKafka();
    }

    try (KafkaRecorder commands =
        KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.commands("default"))) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> sent(commands, planId).containsAll(accepted));
      // A send that timed out while the broker was away may still go out when it is back, and
      // again from the outbox: consumers know a command by its id (the ledger records it once).
      assertThat(sent(commands, planId).stream().distinct().toList())
          .containsExactlyElementsOf(accepted);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                mongo
                    .findById(planId, PlanDocument.class)
                    .block(Duration.ofSeconds(10))
                    .outbox()
                    .isEmpty());
    http.post().uri("/api/v1/plans/{id}/runs", planId).exchange().expectStatus().isAccepted();
  }

  private String status(String runId) {
    return (String)
        http.get()
            .uri("/api/v1/runs/{id}", runId)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("status");
  }

  private static List<String> sent(KafkaRecorder commands, String planId) {
    return commands
        .envelopes(
            envelope ->
                envelope.payload() instanceof RunRequested && planId.equals(envelope.planId()))
        .stream()
        .map(envelope -> envelope.runId())
        .filter(runId -> runId != null)
        .toList();
  }
}
