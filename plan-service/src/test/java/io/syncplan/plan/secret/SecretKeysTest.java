package io.syncplan.plan.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.SyncplanInfrastructureExtension;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * plan-service after a key rotation: the new key seals, the previous one (the tests' usual key)
 * still opens, and a reseal leaves nothing sealed with the old key or without associated data. Pool
 * {@code laptop-7} has a key of its own, which alone opens its plans' storage secrets. The class
 * keeps its data in a database of its own, so that no other test meets the new key.
 */
@PlanServiceTest
@TestPropertySource(
    properties = {
      "spring.mongodb.database=syncplan-plans-secret-keys",
      "syncplan.secrets.key=" + SecretKeysTest.NEW_KEY,
      "syncplan.secrets.previous-keys=" + SyncplanInfrastructureExtension.TEST_SECRETS_KEY,
      "syncplan.secrets.pool-keys=laptop-7=" + SecretKeysTest.POOL_KEY
    })
class SecretKeysTest {

  static final String NEW_KEY = "bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleSE=";
  static final String POOL_KEY = "cG9vbC1rZXktcG9vbC1rZXktbGFwdG9wLTctcG9vbCE=";

  private static final SecretCipher OLD =
      new SecretCipher(SyncplanInfrastructureExtension.TEST_SECRETS_KEY);
  private static final SecretCipher ONLY_NEW = new SecretCipher(NEW_KEY);

  @Autowired WebTestClient http;
  @Autowired ReactiveMongoTemplate mongo;
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

  @Test
  void aResealLeavesNothingSealedWithThePreviousKeyOrWithoutAssociatedData() throws Exception {
    String storageId = create(sftp("rotated-" + suffix, "nas-password"));
    String planId = createPlan("rotated-plan-" + suffix, "rotated-" + suffix, "default");
    awaitPlan(planId, 1);
    // As if written before the rotation: the storage's secret in the first form (no associated
    // data), the plan's crypt password with the old key.
    mongo
        .updateFirst(
            query(where("_id").is(storageId)),
            new Update().set("secrets.pass", stored(legacySeal("nas-password"))),
            "storages")
        .block();
    mongo
        .updateFirst(
            query(where("_id").is(planId)),
            new Update()
                .set(
                    "plan.encryption.password",
                    stored(OLD.seal("crypt-password", SecretContext.encryptionPassword(planId)))),
            "plans")
        .block();

    http.post()
        .uri("/api/v1/secrets/reseal")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.storagesResealed")
        .isEqualTo(1)
        .jsonPath("$.plansPublished")
        .isEqualTo(1)
        .jsonPath("$.problems")
        .isEmpty();

    assertThat(ONLY_NEW.open(storedPass(storageId), SecretContext.storage(storageId, "pass")))
        .isEqualTo("nas-password");
    PlanSnapshot published = awaitPlan(planId, 2);
    assertThat(
            ONLY_NEW.open(
                published.encryption().password(), SecretContext.encryptionPassword(planId)))
        .isEqualTo("crypt-password");
    assertThat(
            ONLY_NEW.open(
                published.destination().storage().secrets().get("pass"),
                SecretContext.storage(storageId, "pass")))
        .isEqualTo("nas-password");

    http.post()
        .uri("/api/v1/secrets/reseal")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.storagesResealed")
        .isEqualTo(0)
        .jsonPath("$.plansPublished")
        .isEqualTo(0);
  }

  @Test
  void aPoolWithAKeyOfItsOwnGetsItsPlansSecretsSealedWithThatKeyOnly() {
    String storageId = create(sftp("agent-nas-" + suffix, "agent-password"));
    String planId = createPlan("agent-plan-" + suffix, "agent-nas-" + suffix, "laptop-7");

    PlanSnapshot published = awaitPlan(planId, 1);

    StorageSpec storage = published.destination().storage();
    SecretContext pass = SecretContext.storage(storageId, "pass");
    assertThat(new SecretCipher(POOL_KEY).open(storage.secrets().get("pass"), pass))
        .isEqualTo("agent-password");
    assertThat(
            new SecretCipher(POOL_KEY)
                .open(published.encryption().password(), SecretContext.encryptionPassword(planId)))
        .isEqualTo("crypt-password");
    assertThatThrownBy(() -> ONLY_NEW.open(storage.secrets().get("pass"), pass))
        .isInstanceOf(IllegalArgumentException.class);
    // The storage itself stays sealed with the central key.
    assertThat(ONLY_NEW.open(storedPass(storageId), pass)).isEqualTo("agent-password");
  }

  /** A sealed secret as MongoDB keeps it. */
  private static Document stored(SealedSecret secret) {
    return new Document("ciphertext", secret.ciphertext());
  }

  private SealedSecret storedPass(String storageId) {
    Document storage = mongo.findById(storageId, Document.class, "storages").block();
    Document pass = storage.get("secrets", Document.class).get("pass", Document.class);
    return new SealedSecret(pass.getString("ciphertext"));
  }

  private static String sftp(String name, String password) {
    return """
        {"name":"%s","type":"sftp","options":{"host":"nas.example.org","user":"me"},
         "secrets":{"pass":"%s"}}
        """
        .formatted(name, password);
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

  private String createPlan(String name, String storage, String pool) {
    return (String)
        http.post()
            .uri("/api/v1/plans")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                """
                {"name":"%s","source":{"path":"/data/%s"},"pool":"%s",
                 "destination":{"storage":"%s","path":"docs"},"mode":"COPY",
                 "encryption":{"password":"crypt-password"}}
                """
                    .formatted(name, name, pool, storage))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("id");
  }

  private PlanSnapshot awaitPlan(String planId, int version) {
    List<Envelope<Message>> events =
        recorder.awaitEnvelopes(
            e ->
                e.planId().equals(planId)
                    && e.payload() instanceof PlanChanged changed
                    && changed.plan().version() == version,
            1,
            Duration.ofSeconds(30));
    return ((PlanChanged) events.get(0).payload()).plan();
  }

  /** What the first SecretCipher wrote: v1, the IV and ciphertext, no associated data. */
  private static SealedSecret legacySeal(String plaintext) throws Exception {
    byte[] iv = new byte[12];
    new SecureRandom().nextBytes(iv);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(
            Base64.getDecoder().decode(SyncplanInfrastructureExtension.TEST_SECRETS_KEY), "AES"),
        new GCMParameterSpec(128, iv));
    byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
    return new SealedSecret(
        "v1:"
            + Base64.getEncoder()
                .encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array()));
  }
}
