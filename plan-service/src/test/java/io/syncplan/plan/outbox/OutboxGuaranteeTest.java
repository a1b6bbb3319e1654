package io.syncplan.plan.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The promise of the outbox: every change the API accepts is published, once and in order, even
 * when Kafka is down at the moment of the change.
 */
@PlanServiceTest
class OutboxGuaranteeTest {

  @Autowired WebTestClient http;

  @Test
  void changesAcceptedWhileKafkaIsDownArePublishedOnceEachInOrderWhenItIsBack(
      TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    try (KafkaRecorder planEvents =
        KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.PLAN_EVENTS)) {
      String id =
          (String)
              http.post()
                  .uri("/api/v1/plans")
                  .contentType(MediaType.APPLICATION_JSON)
                  .bodyValue(
                      """
                      {"name":"outage","source":{"path":"/data/o"},
                       "destination":{"path":"/backup/o"},"mode":"MIRROR"}
                      """)
                  .exchange()
                  .expectStatus()
                  .isCreated()
                  .expectBody(Map.class)
                  .returnResult()
                  .getResponseBody()
                  .get("id");
      planEvents.awaitEnvelope(e -> e.planId().equals(id), Duration.ofSeconds(20));

      infrastructure.stopKafka();
      try {
        for (int i = 1; i <= 3; i++) {
          http.patch()
              .uri("/api/v1/plans/{id}", id)
              .contentType(MediaType.APPLICATION_JSON)
              .bodyValue("{\"description\":\"change " + i + "\"}")
              .exchange()
              .expectStatus()
              .isOk();
        }
        http.post().uri("/api/v1/plans/{id}/pause", id).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/plans/{id}/resume", id).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/plans/{id}/runs", id).exchange().expectStatus().isAccepted();
        http.patch()
            .uri("/api/v1/plans/{id}", id)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"mode\":\"COPY\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.version")
            .isEqualTo(7);
      } finally {
        infrastructure.startKafka();
      }

      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> changes(planEvents, id).size() >= 7);
      // nothing more arrives: each change was published exactly once
      Awaitility.await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> changes(planEvents, id).size() == 7);

      List<PlanChanged> changes = changes(planEvents, id);
      assertThat(changes)
          .extracting(change -> change.plan().version())
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 7).boxed().toList());
      assertThat(changes)
          .extracting(PlanChanged::change)
          .containsExactly(
              PlanChange.CREATED,
              PlanChange.UPDATED,
              PlanChange.UPDATED,
              PlanChange.UPDATED,
              PlanChange.PAUSED,
              PlanChange.RESUMED,
              PlanChange.UPDATED);
      assertThat(changes.get(3).plan().description()).isEqualTo("change 3");
    }
  }

  /**
   * The plan's events as stored on the topic: a record the recorder read twice (it starts over from
   * the beginning when its group is rebuilt after the broker restarts) counts once, by its offset;
   * a message published twice would have two offsets.
   */
  private static List<PlanChanged> changes(KafkaRecorder recorder, String planId) {
    Map<String, PlanChanged> byOffset = new TreeMap<>();
    for (ConsumerRecord<String, Envelope<Message>> record : recorder.records()) {
      if (planId.equals(record.key())
          && record.value() != null
          && record.value().payload() instanceof PlanChanged changed) {
        byOffset.put("%05d-%012d".formatted(record.partition(), record.offset()), changed);
      }
    }
    return new ArrayList<>(byOffset.values());
  }
}
