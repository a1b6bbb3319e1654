package io.syncplan.plan.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Wrapper storages (alias, crypt, union ...) build only on other syncplan storages, by id or name:
 * never on an rclone remote or connection string. Plans carry every storage a wrapper builds on.
 */
@PlanServiceTest
class WrapperStorageApiTest {

  private static final String NESTED_WEBDAV =
      ":webdav,url='http://127.0.0.1:1',bearer_token_command='touch /tmp/syncplan-pwned':";

  @Autowired WebTestClient http;
  KafkaRecorder recorder;
  String suffix = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    recorder = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.PLAN_EVENTS);
  }

  @AfterEach
  void stop() {
    recorder.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {"alias", "crypt", "union", "combine", "chunker", "hasher", "compress", "cache"})
  void aConnectionStringInAWrapperIsRefused(String wrapper) {
    String option =
        switch (wrapper) {
          case "union" -> "\"upstreams\":\"\\\"" + NESTED_WEBDAV + "\\\" other\"";
          case "combine" -> "\"upstreams\":\"\\\"d=" + NESTED_WEBDAV + "\\\"\"";
          default -> "\"remote\":\"" + NESTED_WEBDAV + "\"";
        };
    http.post()
        .uri("/api/v1/storages")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"name\":\"evil-"
                + wrapper
                + suffix
                + "\",\"type\":\""
                + wrapper
                + "\",\"options\":{"
                + option
                + "}}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo(
            wrapper.equals("union") || wrapper.equals("combine")
                ? "options[upstreams]"
                : "options[remote]");
  }

  @Test
  void aPlanOnACryptOverAnAliasCarriesEveryStorageItBuildsOn() {
    String sftp =
        create(
            "{\"name\":\"nas-"
                + suffix
                + "\",\"type\":\"sftp\",\"options\":{\"host\":\"nas.example.org\"},\"secrets\":{\"pass\":\"p\"}}");
    String alias =
        create(
            "{\"name\":\"alias-"
                + suffix
                + "\",\"type\":\"alias\",\"options\":{\"remote\":\"nas-"
                + suffix
                + "/vaults\"}}");
    String crypt =
        create(
            "{\"name\":\"vault-"
                + suffix
                + "\",\"type\":\"crypt\",\"options\":{\"remote\":\""
                + alias
                + "/team\"},\"secrets\":{\"password\":\"crypt-password\"}}");
    String planId = createPlan("vault-plan-" + suffix, crypt);

    StorageSpec carried = awaitChange(planId, 1).plan().destination().storage();

    assertThat(carried.id()).isEqualTo(crypt);
    assertThat(carried.references())
        .extracting(StorageSpec::id)
        .containsExactlyInAnyOrder(alias, sftp);

    http.put()
        .uri("/api/v1/storages/{id}", sftp)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"name\":\"nas-"
                + suffix
                + "\",\"type\":\"sftp\",\"options\":{\"host\":\"nas.example.org\",\"port\":\"2222\"}}")
        .exchange()
        .expectStatus()
        .isOk();
    StorageSpec republished = awaitChange(planId, 2).plan().destination().storage();
    assertThat(republished.references())
        .filteredOn(spec -> spec.id().equals(sftp))
        .singleElement()
        .satisfies(spec -> assertThat(spec.options()).containsEntry("port", "2222"));
  }

  @Test
  void aWrapperOfAStorageThatDoesNotExistOrOfItselfIsRefused() {
    http.post()
        .uri("/api/v1/storages")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"name\":\"lost-"
                + suffix
                + "\",\"type\":\"alias\",\"options\":{\"remote\":\"nowhere-"
                + suffix
                + "\"}}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].message")
        .isEqualTo("no storage has the id or name 'nowhere-" + suffix + "'");
    String base = create("{\"name\":\"base-" + suffix + "\",\"type\":\"memory\"}");
    String first =
        create(
            "{\"name\":\"first-"
                + suffix
                + "\",\"type\":\"alias\",\"options\":{\"remote\":\""
                + base
                + "\"}}");
    String second =
        create(
            "{\"name\":\"second-"
                + suffix
                + "\",\"type\":\"alias\",\"options\":{\"remote\":\""
                + first
                + "\"}}");

    http.put()
        .uri("/api/v1/storages/{id}", first)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"name\":\"first-"
                + suffix
                + "\",\"type\":\"alias\",\"options\":{\"remote\":\""
                + second
                + "/x\"}}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].message")
        .isEqualTo("leads back to this storage; a storage cannot build on itself");
  }

  @Test
  void aStorageAWrapperBuildsOnIsNeitherDeletedNorRenamedUnderIt() {
    String base = create("{\"name\":\"under-" + suffix + "\",\"type\":\"memory\"}");
    create(
        "{\"name\":\"over-"
            + suffix
            + "\",\"type\":\"alias\",\"options\":{\"remote\":\"under-"
            + suffix
            + "/x\"}}");

    http.delete()
        .uri("/api/v1/storages/{id}", base)
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.storages[0].name")
        .isEqualTo("over-" + suffix);
    http.put()
        .uri("/api/v1/storages/{id}", base)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"renamed-" + suffix + "\",\"type\":\"memory\"}")
        .exchange()
        .expectStatus()
        .isEqualTo(409);
  }

  private String create(String body) {
    return (String)
        http.post()
            .uri("/api/v1/storages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  private String createPlan(String name, String storage) {
    return (String)
        http.post()
            .uri("/api/v1/plans")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                """
                {"name":"%s","source":{"path":"/data/%s"},
                 "destination":{"storage":"%s","path":"docs"},"mode":"COPY"}
                """
                    .formatted(name, name, storage))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  private PlanChanged awaitChange(String planId, int count) {
    List<Envelope<Message>> events =
        recorder.awaitEnvelopes(
            e -> e.planId().equals(planId) && e.payload() instanceof PlanChanged,
            count,
            Duration.ofSeconds(20));
    return (PlanChanged) events.get(count - 1).payload();
  }
}
