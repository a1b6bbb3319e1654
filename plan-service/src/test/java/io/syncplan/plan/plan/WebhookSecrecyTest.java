package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.HttpHook;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A Slack or Discord webhook URL is a credential, and so are header values (of webhooks and HTTP
 * hooks alike): they are sealed in the store and on Kafka, and nobody reading plans (a viewer, a
 * subscriber of the plan events) sees more than the host and a fingerprint.
 */
@PlanServiceTest
class WebhookSecrecyTest {

  static final String TOKEN = "xoxb-leaked-if-you-can-read-this";
  static final String URL = "https://hooks.slack.com/services/T000/B000/" + TOKEN;
  static final String HEADER_VALUE = "Bearer receiver-token-that-must-stay-sealed";

  @Autowired WebTestClient http;
  @Autowired SecretCipher cipher;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired ClearWebhookSealer sealer;
  TestInfrastructure infrastructure;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    this.infrastructure = infrastructure;
  }

  static String plan(String name, String webhook) {
    return """
        {"name":"%s","source":{"path":"/data/%s"},"destination":{"path":"/backup/%s"},
         "mode":"MIRROR","notifications":{"webhooks":[%s]}}
        """
        .formatted(name, name, name, webhook);
  }

  static String slackHook() {
    return """
        {"url":"%s","format":"SLACK","headers":{"Authorization":"%s"},"secret":"sign-me"}
        """
        .formatted(URL, HEADER_VALUE);
  }

  WebTestClient.ResponseSpec post(String body) {
    return http.post()
        .uri("/api/v1/plans")
        .header("Authorization", PlanServiceTest.ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }

  @Test
  void aWebhookUrlAndItsHeaderValuesNeverAppearInClearOnKafkaInTheStoreOrToAViewer() {
    String id =
        (String)
            post(plan("sealed-hook", slackHook()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");

    String onKafka = rawPlanEvent(id);
    assertThat(onKafka)
        .contains("\"host\":\"hooks.slack.com\"")
        .contains("\"fingerprint\":\"" + WebhookTarget.fingerprintOf(URL) + "\"")
        .doesNotContain(TOKEN, "/services/T000", "receiver-token", "sign-me");

    String viewer = issueKey("VIEWER");
    String shown =
        http.get()
            .uri("/api/v1/plans/{id}", id)
            .header("Authorization", "Bearer " + viewer)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(shown)
        .contains("\"host\":\"hooks.slack.com\"", "\"Authorization\"", "\"secretSet\":true")
        .contains("\"fingerprint\":\"" + WebhookTarget.fingerprintOf(URL) + "\"")
        .doesNotContain(TOKEN, "/services/", "receiver-token", "\"url\"");
    String listed =
        http.get()
            .uri("/api/v1/plans?q=sealed-hook")
            .header("Authorization", "Bearer " + viewer)
            .exchange()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(listed).contains("sealed-hook").doesNotContain(TOKEN, "receiver-token");

    Document stored =
        mongo
            .getCollection("plans")
            .flatMapMany(c -> Flux.from(c.find(new Document("_id", id))))
            .blockFirst();
    assertThat(stored.toJson())
        .doesNotContain(TOKEN, "receiver-token", "sign-me")
        // what ClearWebhookSealer looks for: a sealed webhook has no clear url field
        .doesNotContain("\"url\"");
  }

  @Test
  void theSealedValuesOpenForTheServicesThatHoldTheKeyAndKeepTheirSealWhenUnchanged() {
    String id =
        (String)
            post(plan("kept-hook", slackHook()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    WebhookTarget first = storedWebhook(id);
    assertThat(cipher.open(first.sealedUrl(), SecretContext.webhookUrl(id))).isEqualTo(URL);
    assertThat(
            cipher.open(
                first.sealedHeaders().get("Authorization"),
                SecretContext.webhookHeader(id, "Authorization")))
        .isEqualTo(HEADER_VALUE);

    // the same URL again, headers and secret left out: nothing changes, not even a seal
    http.put()
        .uri("/api/v1/plans/{id}", id)
        .header("Authorization", PlanServiceTest.ADMIN)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(plan("kept-hook", "{\"url\":\"" + URL + "\",\"format\":\"SLACK\"}"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(1);
    // a patch of something else keeps the webhook as it is
    http.patch()
        .uri("/api/v1/plans/{id}", id)
        .header("Authorization", PlanServiceTest.ADMIN)
        .contentType(MediaType.valueOf("application/merge-patch+json"))
        .bodyValue("{\"description\":\"patched\"}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(2);
    WebhookTarget patched = storedWebhook(id);
    assertThat(patched.sealedUrl()).isEqualTo(first.sealedUrl());
    assertThat(patched.sealedHeaders()).isEqualTo(first.sealedHeaders());
    assertThat(patched.secret()).isEqualTo(first.secret());
  }

  @Test
  void anHttpHooksUrlHeaderValuesAndSecretAreSealedForItsPoolAndShownByHostAndFingerprint() {
    String hookUrl = "https://ci.example.com/hooks/" + TOKEN;
    String body =
        """
        {"name":"http-hooked","source":{"path":"/data/hh"},"destination":{"path":"/backup/hh"},
         "mode":"MIRROR","hooks":[{"on":"AFTER_SUCCESS","timeout":"30s","http":{"url":"%s",
         "method":"PUT","headers":{"Authorization":"%s"},"secret":"sign-me"}}]}
        """
            .formatted(hookUrl, HEADER_VALUE);
    String id =
        (String)
            post(body)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");

    assertThat(rawPlanEvent(id))
        .contains("\"host\":\"ci.example.com\"")
        .contains("\"fingerprint\":\"" + WebhookTarget.fingerprintOf(hookUrl) + "\"")
        .doesNotContain(TOKEN, "receiver-token", "sign-me");
    String shown =
        http.get()
            .uri("/api/v1/plans/{id}", id)
            .header("Authorization", "Bearer " + issueKey("VIEWER"))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(shown)
        .contains("\"host\":\"ci.example.com\"", "\"method\":\"PUT\"", "\"Authorization\"")
        .contains("\"fingerprint\":\"" + WebhookTarget.fingerprintOf(hookUrl) + "\"")
        .contains("\"secretSet\":true")
        .doesNotContain(TOKEN, "receiver-token", "sign-me", "\"url\"");
    Document stored =
        mongo
            .getCollection("plans")
            .flatMapMany(c -> Flux.from(c.find(new Document("_id", id))))
            .blockFirst();
    assertThat(stored.toJson()).doesNotContain(TOKEN, "receiver-token", "sign-me");
    HttpHook first = storedHook(id);
    assertThat(cipher.open(first.sealedUrl(), SecretContext.hookUrl(id))).isEqualTo(hookUrl);
    assertThat(cipher.open(first.secret(), SecretContext.hookSecret(id))).isEqualTo("sign-me");

    // a patch of something else keeps the hook and its seals as they are
    http.patch()
        .uri("/api/v1/plans/{id}", id)
        .header("Authorization", PlanServiceTest.ADMIN)
        .contentType(MediaType.valueOf("application/merge-patch+json"))
        .bodyValue("{\"description\":\"patched\"}")
        .exchange()
        .expectStatus()
        .isOk();
    HttpHook patched = storedHook(id);
    assertThat(patched.sealedUrl()).isEqualTo(first.sealedUrl());
    assertThat(patched.sealedHeaders()).isEqualTo(first.sealedHeaders());
    assertThat(patched.secret()).isEqualTo(first.secret());
    assertThat(patched.method()).isEqualTo("PUT");
  }

  @Test
  void aWebhookAimedAtLoopbackOrCloudMetadataIsRefusedWhenThePlanIsSaved() {
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://localhost:8080/api/v1/keys",
            "http://[::1]:9092/")) {
      post(plan("inside-" + UUID.randomUUID(), "{\"url\":\"" + url + "\"}"))
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.errors[0].field")
          .isEqualTo("notifications.webhooks[0].url")
          .jsonPath("$.errors[0].message")
          .value(message -> assertThat((String) message).contains("network policy"));
    }
  }

  @Test
  void aChannelUrlOfTheWrongFormForItsFormatIsRefusedNamingTheFieldAndNothingIsStored() {
    Map<String, String> wrong =
        Map.of(
            "{\"url\":\"https://gotify.example.com/message\",\"format\":\"GOTIFY\"}",
            "application token",
            "{\"url\":\"https://api.telegram.org/bot1:AAAAAAAAAAAAAAAAAAAAAAAA/sendMessage\","
                + "\"format\":\"TELEGRAM\"}",
            "chat_id",
            "{\"url\":\"https://contoso.webhook.office.com/webhookb2/x/IncomingWebhook/y/z\","
                + "\"format\":\"TEAMS\"}",
            "retired",
            "{\"url\":\"https://hc-ping.com/eb095278-f28d/fail\",\"format\":\"HEALTHCHECKS\"}",
            "adds /start and /fail");
    wrong.forEach(
        (webhook, problem) -> {
          String name = "wrong-form-" + UUID.randomUUID();
          post(plan(name, "{\"url\":\"https://hooks.example.com/ok\"}," + webhook))
              .expectStatus()
              .isBadRequest()
              .expectHeader()
              .contentType(MediaType.APPLICATION_PROBLEM_JSON)
              .expectBody()
              .jsonPath("$.errors[0].field")
              .isEqualTo("notifications.webhooks[1].url")
              .jsonPath("$.errors[0].message")
              .value(message -> assertThat((String) message).contains(problem));
          http.get()
              .uri("/api/v1/plans?q={name}", name)
              .header("Authorization", PlanServiceTest.ADMIN)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody()
              .jsonPath("$.items")
              .isEmpty();
        });
    post(plan(
            "right-form-" + UUID.randomUUID(),
            "{\"url\":\"https://gotify.example.com/message\",\"format\":\"GOTIFY\","
                + "\"headers\":{\"X-Gotify-Key\":\"AppT0ken\"}},"
                + "{\"url\":\"https://hc-ping.com/eb095278-f28d\",\"format\":\"HEALTHCHECKS\"}"))
        .expectStatus()
        .isCreated();
  }

  @Test
  void aPlanThatAnOlderVersionStoredWithItsWebhookInClearIsPublishedAgainSealed() {
    String id =
        (String)
            post(plan("old-hook", slackHook()))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    // what syncplan 0.1 stored: the URL and the header values in clear
    mongo
        .getCollection("plans")
        .flatMap(
            plans ->
                Mono.from(
                    plans.updateOne(
                        new Document("_id", id),
                        new Document(
                            "$set",
                            new Document(
                                "plan.notifications.webhooks",
                                List.of(
                                    new Document("url", URL)
                                        .append("on", List.of())
                                        .append("format", "SLACK")
                                        .append(
                                            "headers",
                                            new Document("Authorization", HEADER_VALUE))))))))
        .block(Duration.ofSeconds(10));

    assertThat(sealer.sealAll().block(Duration.ofSeconds(30))).isGreaterThanOrEqualTo(1);

    WebhookTarget sealed = storedWebhook(id);
    assertThat(sealed.inClear()).isFalse();
    assertThat(cipher.open(sealed.sealedUrl(), SecretContext.webhookUrl(id))).isEqualTo(URL);
    assertThat(
            cipher.open(
                sealed.sealedHeaders().get("Authorization"),
                SecretContext.webhookHeader(id, "Authorization")))
        .isEqualTo(HEADER_VALUE);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> rawPlanEvent(id).contains("\"version\":2"));
    String latest = rawPlanEvent(id).lines().reduce((first, second) -> second).orElseThrow();
    assertThat(latest).contains("\"version\":2").doesNotContain(TOKEN, "receiver-token");
  }

  private HttpHook storedHook(String id) {
    return mongo
        .findById(id, PlanDocument.class)
        .map(document -> document.plan().hooks().get(0).http())
        .block(Duration.ofSeconds(10));
  }

  private WebhookTarget storedWebhook(String id) {
    return mongo
        .findById(id, PlanDocument.class)
        .map(document -> document.plan().notifications().webhooks().get(0))
        .block(Duration.ofSeconds(10));
  }

  private String issueKey(String role) {
    return (String)
        http.post()
            .uri("/api/v1/keys")
            .header("Authorization", PlanServiceTest.ADMIN)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"name\":\""
                    + role.toLowerCase()
                    + "-"
                    + UUID.randomUUID()
                    + "\",\"role\":\""
                    + role
                    + "\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody()
            .get("key");
  }

  /** The plan's event as its bytes are on the topic, read by a plain Kafka consumer. */
  private String rawPlanEvent(String planId) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.PLAN_EVENTS));
      List<String> values = new ArrayList<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (planId.equals(record.key())) {
                    values.add(new String(record.value(), StandardCharsets.UTF_8));
                  }
                }
                return !values.isEmpty();
              });
      return String.join("\n", values);
    }
  }
}
