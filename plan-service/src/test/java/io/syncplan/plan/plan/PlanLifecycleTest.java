package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
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
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlanServiceTest
class PlanLifecycleTest {

  @Autowired WebTestClient http;
  @Autowired SecretCipher cipher;
  KafkaRecorder planEvents;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    planEvents = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.PLAN_EVENTS);
  }

  @AfterEach
  void stopRecording() {
    planEvents.close();
  }

  static String plan(String name) {
    return """
        {"name":"%s","source":{"path":"/data/%s"},"destination":{"path":"/backup/%s"},
         "mode":"MIRROR"}
        """
        .formatted(name, name, name);
  }

  Map<?, ?> create(String body) {
    return http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  List<PlanChanged> changesOf(String id, int atLeast) {
    return planEvents
        .awaitEnvelopes(e -> e.planId().equals(id), atLeast, Duration.ofSeconds(20))
        .stream()
        .map(e -> (PlanChanged) e.payload())
        .toList();
  }

  @Test
  void aMinimalPlanGetsEveryDefaultTheIssueNames() {
    Map<?, ?> created = create(plan("defaults"));
    String id = (String) created.get("id");

    http.get()
        .uri("/api/v1/plans/{id}", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("ETag", "\"1\"")
        .expectBody()
        .jsonPath("$.performance.transfers")
        .isEqualTo(4)
        .jsonPath("$.performance.bufferSize")
        .isEqualTo("16M")
        .jsonPath("$.performance.multiThreadStreams")
        .isEqualTo(4)
        .jsonPath("$.performance.compare")
        .isEqualTo("SIZE_AND_MODTIME")
        .jsonPath("$.retries.attempts")
        .isEqualTo(5)
        .jsonPath("$.retries.delay")
        .isEqualTo("PT30S")
        .jsonPath("$.revisions.keepDays")
        .isEqualTo(30)
        .jsonPath("$.deletionGuard.enabled")
        .isEqualTo(true)
        .jsonPath("$.pool")
        .isEqualTo("default")
        .jsonPath("$.priority")
        .isEqualTo("NORMAL")
        .jsonPath("$.paused")
        .isEqualTo(false)
        .jsonPath("$.initialization.state")
        .isEqualTo("PENDING");
  }

  @Test
  void everySettingIsStoredAndPublishedWithSecretsSealedAndNeverShown() {
    String body =
        """
        {"name":"full","description":"everything","tags":["team:a","prod"],
         "source":{"path":"/data/full"},"destination":{"path":"/backup/full"},
         "mode":"MIRROR_WITH_REVISIONS",
         "schedule":{"type":"WEEKLY","days":["MONDAY","FRIDAY"],"time":"02:30",
                     "timeZone":"Europe/Berlin","overlap":"QUEUE_ONE"},
         "revisions":{"keepDays":10,"keepCount":5},
         "filters":{"includePaths":["/docs/**"],"excludePatterns":["*.iso"],
                    "presets":["TEMPORARY_FILES","BUILD_OUTPUT"]},
         "performance":{"transfers":8,"bufferSize":"32M","multiThreadStreams":2,
                        "compare":"CHECKSUM","maxDuration":"2h","maxTransfer":"50G"},
         "retries":{"attempts":3,"delay":"1m","backoffMultiplier":2.0},
         "notifications":{"emails":[{"address":"ops@example.com","on":["FAILURE","PARTIAL"]}],
           "webhooks":[{"url":"https://hooks.example.com/x","on":["SUCCESS"],"format":"SLACK",
                        "headers":{"X-Team":"platform"},"secret":"hook-secret"}]},
         "encryption":{"password":"crypt-password-1","salt":"salty-salt"},
         "pool":"edge","priority":"HIGH",
         "deletionGuard":{"enabled":true,"maxDeletePercent":20,"minFiles":100},
         "paused":true}
        """;
    String response =
        http.post()
            .uri("/api/v1/plans")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(response)
        .doesNotContain("hook-secret", "crypt-password-1", "salty-salt", "platform")
        .contains("\"passwordSet\":true", "\"secretSet\":true", "\"X-Team\"");

    Envelope<Message> event =
        planEvents.awaitEnvelope(
            e -> e.payload() instanceof PlanChanged changed && changed.plan().name().equals("full"),
            Duration.ofSeconds(20));
    PlanSnapshot plan = ((PlanChanged) event.payload()).plan();
    assertThat(plan.tags()).containsExactly("team:a", "prod");
    assertThat(plan.schedule().days()).hasSize(2);
    assertThat(plan.schedule().timeZone()).isEqualTo("Europe/Berlin");
    assertThat(plan.revisions().keepCount()).isEqualTo(5);
    assertThat(plan.filters().presets()).hasSize(2);
    assertThat(plan.performance().maxDuration()).isEqualTo(Duration.ofHours(2));
    assertThat(plan.retries().delay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(plan.pool()).isEqualTo("edge");
    assertThat(plan.deletionGuard().maxDeletePercent()).isEqualTo(20);
    assertThat(plan.paused()).isTrue();
    assertThat(
            cipher.open(plan.encryption().password(), SecretContext.encryptionPassword(plan.id())))
        .isEqualTo("crypt-password-1");
    assertThat(
            cipher.open(
                plan.notifications().webhooks().get(0).secret(),
                SecretContext.webhookSecret(plan.id())))
        .isEqualTo("hook-secret");
    assertThat(new String(io.syncplan.contracts.message.MessageCodec.shared().encode(event)))
        .doesNotContain("hook-secret", "crypt-password-1");
  }

  @Test
  void aReplaceBasedOnAStaleVersionIsRefusedAndOverwritesNothing() {
    String id = (String) create(plan("stale")).get("id");
    http.put()
        .uri("/api/v1/plans/{id}", id)
        .header("If-Match", "\"1\"")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(plan("stale").replace("\"MIRROR\"", "\"COPY\""))
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("ETag", "\"2\"");

    http.put()
        .uri("/api/v1/plans/{id}", id)
        .header("If-Match", "\"1\"")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(plan("stale").replace("\"MIRROR\"", "\"BISYNC\""))
        .exchange()
        .expectStatus()
        .isEqualTo(412)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);

    http.get()
        .uri("/api/v1/plans/{id}", id)
        .exchange()
        .expectBody()
        .jsonPath("$.mode")
        .isEqualTo("COPY")
        .jsonPath("$.version")
        .isEqualTo(2);
  }

  @Test
  void aPatchChangesOnlyWhatItNamesAndKeepsSecrets() {
    String body =
        plan("patchme")
            .replace(
                "\"mode\":\"MIRROR\"",
                "\"mode\":\"MIRROR\",\"encryption\":{\"password\":\"keep-me-please\"},"
                    + "\"tags\":[\"a\"]");
    String id = (String) create(body).get("id");

    http.patch()
        .uri("/api/v1/plans/{id}", id)
        .contentType(MediaType.valueOf("application/merge-patch+json"))
        .bodyValue("{\"description\":\"patched\",\"tags\":null,\"performance\":{\"transfers\":16}}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.description")
        .isEqualTo("patched")
        .jsonPath("$.tags.length()")
        .isEqualTo(0)
        .jsonPath("$.performance.transfers")
        .isEqualTo(16)
        .jsonPath("$.performance.bufferSize")
        .isEqualTo("16M")
        .jsonPath("$.encryption.passwordSet")
        .isEqualTo(true)
        .jsonPath("$.version")
        .isEqualTo(2);

    PlanChanged updated = changesOf(id, 2).get(1);
    assertThat(updated.change()).isEqualTo(PlanChange.UPDATED);
    assertThat(
            cipher.open(
                updated.plan().encryption().password(), SecretContext.encryptionPassword(id)))
        .isEqualTo("keep-me-please");

    http.patch()
        .uri("/api/v1/plans/{id}", id)
        .contentType(MediaType.valueOf("application/merge-patch+json"))
        .bodyValue("{\"performance\":{\"transfers\":0},\"colour\":\"red\"}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("colour");
  }

  @Test
  void applyingByNameCreatesThenReplacesAndApplyingAgainChangesNothing() {
    String body = plan("gitops");
    http.put()
        .uri("/api/v1/plans/by-name/gitops")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isCreated();
    Map<?, ?> again =
        http.put()
            .uri("/api/v1/plans/by-name/gitops")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String id = (String) again.get("id");
    assertThat(again.get("version")).isEqualTo(1);

    http.put()
        .uri("/api/v1/plans/by-name/gitops")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body.replace("\"MIRROR\"", "\"COPY\""))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(2)
        .jsonPath("$.id")
        .isEqualTo(id);

    assertThat(changesOf(id, 2))
        .extracting(PlanChanged::change)
        .containsExactly(PlanChange.CREATED, PlanChange.UPDATED);
    http.put()
        .uri("/api/v1/plans/by-name/other-name")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("name");
  }

  @Test
  void pauseAndResumeArePublishedOnceEach() {
    String id = (String) create(plan("pausing")).get("id");
    for (int i = 0; i < 2; i++) {
      http.post().uri("/api/v1/plans/{id}/pause", id).exchange().expectStatus().isOk();
    }
    http.post()
        .uri("/api/v1/plans/{id}/resume", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.paused")
        .isEqualTo(false)
        .jsonPath("$.version")
        .isEqualTo(3);
    assertThat(changesOf(id, 3))
        .extracting(PlanChanged::change)
        .containsExactly(PlanChange.CREATED, PlanChange.PAUSED, PlanChange.RESUMED);
  }

  @Test
  void deletingPublishesTheLastSnapshotThenATombstoneAndFreesTheName() {
    String id = (String) create(plan("doomed")).get("id");
    http.delete().uri("/api/v1/plans/{id}", id).exchange().expectStatus().isNoContent();
    http.get().uri("/api/v1/plans/{id}", id).exchange().expectStatus().isNotFound();

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                planEvents.records().stream()
                    .filter(r -> r.key().equals(id))
                    .anyMatch(r -> r.value() == null));
    List<ConsumerRecord<String, Envelope<Message>>> records =
        planEvents.records().stream().filter(r -> r.key().equals(id)).toList();
    assertThat(records).hasSize(3);
    assertThat(((PlanChanged) records.get(1).value().payload()).change())
        .isEqualTo(PlanChange.DELETED);
    assertThat(records.get(2).value()).isNull();

    create(plan("doomed"));
  }

  @Test
  void plansNamedAlikeIgnoringCaseConflict() {
    create(plan("unique-name"));
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(plan("Unique-Name"))
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void theListFiltersByTagModeStatusAndNameAndPages() {
    for (int i = 0; i < 5; i++) {
      create(
          plan("listed-" + i)
              .replace(
                  "\"mode\":\"MIRROR\"",
                  "\"mode\":\""
                      + (i % 2 == 0 ? "COPY" : "MIRROR")
                      + "\",\"tags\":[\"listing\"]"
                      + (i == 4 ? ",\"paused\":true" : "")));
    }
    http.get()
        .uri("/api/v1/plans?tag=listing&mode=COPY&size=2")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.totalItems")
        .isEqualTo(3)
        .jsonPath("$.items.length()")
        .isEqualTo(2)
        .jsonPath("$.items[0].name")
        .isEqualTo("listed-0");
    http.get()
        .uri("/api/v1/plans?tag=listing&status=PAUSED")
        .exchange()
        .expectBody()
        .jsonPath("$.items[0].name")
        .isEqualTo("listed-4")
        .jsonPath("$.totalItems")
        .isEqualTo(1);
    http.get()
        .uri("/api/v1/plans?q=LISTED-3")
        .exchange()
        .expectBody()
        .jsonPath("$.totalItems")
        .isEqualTo(1);
    http.get()
        .uri("/api/v1/plans?mode=TELEPORT")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }
}
