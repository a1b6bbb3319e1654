package io.syncplan.plan.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.contracts.storage.StorageTested;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@PlanServiceTest
@TestPropertySource(properties = "syncplan.api.storage-test-timeout=8s")
class StorageApiTest {

  @Autowired WebTestClient http;
  @Autowired SecretCipher cipher;
  @Autowired CommandTopics commandTopics;
  TestInfrastructure infrastructure;
  KafkaRecorder recorder;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    this.infrastructure = infrastructure;
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    // the recorder sees only topics that exist when it subscribes
    commandTopics.ensure("default").block();
    recorder =
        KafkaRecorder.record(
            infrastructure.bootstrapServers(), Topics.PLAN_EVENTS, Topics.commands("default"));
  }

  @AfterEach
  void stop() {
    recorder.close();
  }

  static String s3(String name, String region, String secret) {
    return """
        {"name":"%s","type":"s3","options":{"provider":"AWS","region":"%s"},
         "secrets":{"access_key_id":"AKIA1","secret_access_key":"%s"}}
        """
        .formatted(name, region, secret);
  }

  Map<?, ?> createStorage(String body) {
    return http.post()
        .uri("/api/v1/storages")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  String createPlan(String name, String storage) {
    return (String)
        http.post()
            .uri("/api/v1/plans")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                """
                {"name":"%s","source":{"path":"/data/%s"},
                 "destination":{"storage":"%s","path":"bucket/%s"},"mode":"COPY"}
                """
                    .formatted(name, name, storage, name))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  @Test
  void aStorageKeepsItsSecretsSealedAndShowsOnlyTheirNames() {
    String response =
        http.post()
            .uri("/api/v1/storages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(s3("offsite", "eu-central-1", "very-secret-value"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueEquals("ETag", "\"1\"")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(response)
        .doesNotContain("very-secret-value")
        .contains(
            "\"secrets\":[\"access_key_id\",\"secret_access_key\"]", "\"region\":\"eu-central-1\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void optionsAreCheckedAgainstTheBackendAndCredentialsMustBeSecrets() {
    http.post()
        .uri("/api/v1/storages")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"name":"bad","type":"s3","options":{"secret_access_key":"x","colour":"red",
             "Bad-Key":"y","region":"a\\nb"}}
            """)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[*].field")
        .value(
            fields ->
                assertThat((List<Object>) fields)
                    .contains(
                        "options[secret_access_key]",
                        "options[colour]",
                        "options[Bad-Key]",
                        "options[region]"));
    http.post()
        .uri("/api/v1/storages")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"bad\",\"type\":\"teleporter\"}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("type");
    http.post()
        .uri("/api/v1/storages")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"name\":\"bad\",\"type\":\"webdav\",\"secrets\":{\"bearer_token_command\":\"rm -rf /\"}}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("secrets[bearer_token_command]");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStorageAimedAtLoopbackCloudMetadataOrTheStacksOwnKafkaIsRefusedUnderTheProductionDefault() {
    String kafka = infrastructure.bootstrapServers().split(",")[0];
    http.post()
        .uri("/api/v1/storages")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"name":"inside","type":"s3","options":{"provider":"Other",
             "endpoint":"http://169.254.169.254/latest"}}
            """)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("options[endpoint]")
        .jsonPath("$.errors[0].message")
        .value(
            message ->
                assertThat((String) message)
                    .contains("refused by the network policy")
                    .contains("169.254.169.254, a link-local address")
                    .contains("syncplan.network.allow"));
    for (String body :
        List.of(
            "{\"name\":\"loop\",\"type\":\"sftp\",\"options\":{\"host\":\"localhost\"}}",
            "{\"name\":\"loop\",\"type\":\"webdav\",\"options\":{\"url\":\"http://[::1]:8080\"}}",
            "{\"name\":\"loop\",\"type\":\"webdav\",\"options\":{\"url\":\"http://"
                + kafka
                + "/\"}}")) {
      http.post()
          .uri("/api/v1/storages")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(body)
          .exchange()
          .expectStatus()
          .isBadRequest();
    }
    String storageId = (String) createStorage(s3("outside", "eu-west-1", "s")).get("id");
    http.put()
        .uri("/api/v1/storages/" + storageId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"name":"outside","type":"s3","options":{"provider":"Other","endpoint":"10.1.2.3:9000"}}
            """)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].message")
        .value(message -> assertThat((String) message).contains("a private address"));
  }

  @Test
  void aPlanCarriesItsStorageAndIsRepublishedWhenTheStorageChanges() {
    String storageId =
        (String) createStorage(s3("shared-s3", "eu-west-1", "first-secret")).get("id");
    String planId = createPlan("uses-s3", "shared-s3");

    PlanChanged created = awaitChange(planId, 1);
    StorageSpec spec = created.plan().destination().storage();
    assertThat(spec.id()).isEqualTo(storageId);
    assertThat(spec.options()).containsEntry("region", "eu-west-1");
    assertThat(
            cipher.open(
                spec.secrets().get("secret_access_key"),
                SecretContext.storage(storageId, "secret_access_key")))
        .isEqualTo("first-secret");

    http.put()
        .uri("/api/v1/storages/{id}", storageId)
        .header("If-Match", "\"1\"")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"name":"shared-s3","type":"s3","options":{"provider":"AWS","region":"us-east-1"},
             "secrets":{"access_key_id":"AKIA1","secret_access_key":"second-secret"}}
            """)
        .exchange()
        .expectStatus()
        .isOk();

    PlanChanged republished = awaitChange(planId, 2);
    assertThat(republished.change()).isEqualTo(PlanChange.UPDATED);
    assertThat(republished.plan().version()).isEqualTo(2);
    StorageSpec updated = republished.plan().destination().storage();
    assertThat(updated.options()).containsEntry("region", "us-east-1");
    assertThat(
            cipher.open(
                updated.secrets().get("secret_access_key"),
                SecretContext.storage(storageId, "secret_access_key")))
        .isEqualTo("second-secret");
  }

  @Test
  void aStorageThatPointsElsewhereLosesThePasswordItKeptAndTheAnswerSaysSo() {
    String storageId =
        (String)
            createStorage(
                    """
                    {"name":"nas","type":"sftp","options":{"host":"nas.example.org","user":"me"},
                     "secrets":{"pass":"nas-password"}}
                    """)
                .get("id");
    String planId = createPlan("backs-up-to-nas", "nas");
    awaitChange(planId, 1);

    http.put()
        .uri("/api/v1/storages/{id}", storageId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"name":"nas","type":"sftp","options":{"host":"attacker.example.net","user":"me"}}
            """)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.secrets")
        .isEmpty()
        .jsonPath("$.secretsDropped[0]")
        .isEqualTo("pass");

    StorageSpec republished = awaitChange(planId, 2).plan().destination().storage();
    assertThat(republished.options()).containsEntry("host", "attacker.example.net");
    assertThat(republished.secrets()).isEmpty();
  }

  @Test
  void aStorageThatStillPointsWhereItDidKeepsItsSecrets() {
    String storageId =
        (String)
            createStorage(
                    """
                    {"name":"same-place","type":"sftp","options":{"host":"nas.example.org"},
                     "secrets":{"pass":"kept-password"}}
                    """)
                .get("id");

    http.put()
        .uri("/api/v1/storages/{id}", storageId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"name":"same place renamed","type":"sftp","options":{"host":"nas.example.org"}}
            """)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.secrets[0]")
        .isEqualTo("pass")
        .jsonPath("$.secretsDropped")
        .doesNotExist();
  }

  @Test
  void aStorageInUseCannotBeDeletedAndTheAnswerNamesThePlans() {
    String storageId = (String) createStorage(s3("busy-s3", "eu-west-1", "s")).get("id");
    String planId = createPlan("keeps-busy", "busy-s3");
    http.delete()
        .uri("/api/v1/storages/{id}", storageId)
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.plans[0].id")
        .isEqualTo(planId)
        .jsonPath("$.plans[0].name")
        .isEqualTo("keeps-busy");
    http.delete().uri("/api/v1/plans/{id}", planId).exchange().expectStatus().isNoContent();
    http.delete().uri("/api/v1/storages/{id}", storageId).exchange().expectStatus().isNoContent();
  }

  @Test
  void aPlanNamingAnUnknownStorageIsRefused() {
    http.post()
        .uri("/api/v1/plans")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            """
            {"name":"nowhere","source":{"path":"/data/x"},
             "destination":{"storage":"no-such-storage","path":"x"},"mode":"COPY"}
            """)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("destination.storage");
  }

  @Test
  void aConnectivityCheckReturnsTheExecutorsAnswer() {
    String storageId = (String) createStorage(s3("checked", "eu-west-1", "s")).get("id");
    CompletableFuture<Void> executor =
        CompletableFuture.runAsync(
            () -> {
              Envelope<Message> command =
                  recorder.awaitEnvelope(
                      e ->
                          e.payload() instanceof StorageTestRequested requested
                              && requested.storage().id().equals(storageId),
                      Duration.ofSeconds(20));
              StorageTestRequested requested = (StorageTestRequested) command.payload();
              recorder.send(
                  Topics.EXECUTOR_RESULTS,
                  Envelope.wrap(
                      UUID.randomUUID(),
                      new StorageTested(
                          requested.requestId(), storageId, "executor-1", false, "403 Forbidden"),
                      "executor-service",
                      Instant.now()));
            });

    http.mutate()
        .responseTimeout(Duration.ofSeconds(20))
        .build()
        .post()
        .uri("/api/v1/storages/{id}/test", storageId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UNREACHABLE")
        .jsonPath("$.message")
        .isEqualTo("403 Forbidden")
        .jsonPath("$.executorId")
        .isEqualTo("executor-1");
    executor.join();
  }

  @Test
  void aCheckNobodyAnswersEndsWithGatewayTimeoutAndItsRequestId() {
    String storageId = (String) createStorage(s3("unanswered", "eu-west-1", "s")).get("id");
    http.mutate()
        .responseTimeout(Duration.ofSeconds(20))
        .build()
        .post()
        .uri("/api/v1/storages/{id}/test", storageId)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"pool\":\"nobody-home\"}")
        .exchange()
        .expectStatus()
        .isEqualTo(504)
        .expectBody()
        .jsonPath("$.requestId")
        .exists();
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
