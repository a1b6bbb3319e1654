package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.DestinationPurgeRequested;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanInitRequested;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Deleting a plan touches its destination's data only when the request explicitly asks for it. */
@PlanServiceTest
class PlanDeletionPurgeTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired WebTestClient http;
  @Autowired ReactiveMongoTemplate mongo;
  KafkaRecorder recorder;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    recorder =
        KafkaRecorder.record(
            infrastructure.bootstrapServers(),
            Topics.PLAN_EVENTS,
            Topics.commands(Topics.DEFAULT_POOL));
  }

  @AfterEach
  void stopRecording() {
    recorder.close();
  }

  @Test
  void deleteWithTheParameterSendsOnePurgeCommandAfterThePlansLastEvents() {
    String id = create("purged");

    http.delete()
        .uri("/api/v1/plans/{id}?deleteDestinationData=true", id)
        .header("If-Match", "\"1\"")
        .exchange()
        .expectStatus()
        .isAccepted()
        .expectBody()
        .jsonPath("$.planId")
        .isEqualTo(id)
        .jsonPath("$.destinationPurge")
        .isEqualTo("REQUESTED");
    http.get().uri("/api/v1/plans/{id}", id).exchange().expectStatus().isNotFound();

    List<Envelope<Message>> purges = awaitPurges(id, 1);
    DestinationPurgeRequested purge = (DestinationPurgeRequested) purges.get(0).payload();
    assertThat(purge.plan().destination().path()).isEqualTo("/backup/purged");
    assertThat(purge.plan().pool()).isEqualTo(Topics.DEFAULT_POOL);
    assertThat(purge.requestId()).isNotBlank();
    assertThat(purge.requestedAt()).isNotNull();

    // The relay sends a plan's messages one after another, each once Kafka took the one before:
    // the purge command is stamped no earlier than the deletion event and its tombstone.
    List<ConsumerRecord<String, Envelope<Message>>> planRecords = recordsOf(id, Topics.PLAN_EVENTS);
    ConsumerRecord<String, Envelope<Message>> purgeRecord =
        recordsOf(id, Topics.commands(Topics.DEFAULT_POOL)).stream()
            .filter(r -> r.value().payload() instanceof DestinationPurgeRequested)
            .findFirst()
            .orElseThrow();
    assertThat(planRecords).hasSize(3);
    assertThat(((PlanChanged) planRecords.get(1).value().payload()).change())
        .isEqualTo(PlanChange.DELETED);
    assertThat(planRecords.get(2).value()).isNull();
    assertThat(purgeRecord.timestamp()).isGreaterThanOrEqualTo(planRecords.get(2).timestamp());
    assertThat(purge.plan().version())
        .isEqualTo(((PlanChanged) planRecords.get(1).value().payload()).plan().version());
    assertThat(
            recorder.envelopes(
                e -> e.payload() instanceof DestinationPurgeRequested p && p.planId().equals(id)))
        .hasSize(1);
  }

  @Test
  void deleteWithoutTheParameterOrWithFalseLeavesTheDestinationAlone() {
    String kept = create("kept");
    String keptToo = create("kept-too");

    http.delete().uri("/api/v1/plans/{id}", kept).exchange().expectStatus().isNoContent();
    http.delete()
        .uri("/api/v1/plans/{id}?deleteDestinationData=false", keptToo)
        .exchange()
        .expectStatus()
        .isNoContent();
    // Everything the two deletions produced has left their outboxes (a message leaves only once
    // Kafka took it); a later purge of a third plan gives the recorder time to read it.
    Awaitility.await().atMost(WAIT).until(() -> outboxEmpty(kept) && outboxEmpty(keptToo));
    String marker = create("marker");
    http.delete()
        .uri("/api/v1/plans/{id}?deleteDestinationData=true", marker)
        .exchange()
        .expectStatus()
        .isAccepted();
    awaitPurges(marker, 1);
    Awaitility.await().atMost(WAIT).until(() -> tombstoned(kept) && tombstoned(keptToo));

    assertThat(recorder.envelopes(e -> e.payload() instanceof DestinationPurgeRequested))
        .extracting(Envelope::planId)
        .doesNotContain(kept, keptToo);
  }

  @Test
  void anUnknownValueIsRefusedAndThePlanStays() {
    String id = create("stays");

    http.delete()
        .uri("/api/v1/plans/{id}?deleteDestinationData=yes", id)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody(String.class)
        .value(body -> assertThat(body).contains("deleteDestinationData", "true or false"));

    http.get().uri("/api/v1/plans/{id}", id).exchange().expectStatus().isOk();
  }

  private String create(String name) {
    Map<?, ?> created =
        http.post()
            .uri("/api/v1/plans")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(PlanLifecycleTest.plan(name))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String id = (String) created.get("id");
    // Its init request is on the command topic before anything else of the plan's is.
    recorder.awaitEnvelope(
        e -> e.payload() instanceof PlanInitRequested init && init.planId().equals(id), WAIT);
    return id;
  }

  private List<Envelope<Message>> awaitPurges(String id, int count) {
    return recorder.awaitEnvelopes(
        e -> e.payload() instanceof DestinationPurgeRequested && e.planId().equals(id),
        count,
        WAIT);
  }

  private boolean outboxEmpty(String id) {
    PlanDocument document = mongo.findById(id, PlanDocument.class).block(WAIT);
    return document != null && document.outbox().isEmpty();
  }

  private boolean tombstoned(String id) {
    return recordsOf(id, Topics.PLAN_EVENTS).stream().anyMatch(r -> r.value() == null);
  }

  private List<ConsumerRecord<String, Envelope<Message>>> recordsOf(String id, String topic) {
    return recorder.records().stream()
        .filter(r -> r.topic().equals(topic) && r.key().equals(id))
        .toList();
  }
}
