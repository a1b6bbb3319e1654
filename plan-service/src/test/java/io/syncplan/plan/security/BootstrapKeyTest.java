package io.syncplan.plan.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncplan.plan.PlanServiceApplication;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The first admin key of an installation, across restarts: plan-service instances started and
 * stopped as an operator would, each test on a store of its own.
 */
@WithKafkaAndMongo
@ExtendWith(OutputCaptureExtension.class)
class BootstrapKeyTest {

  static final String BOOTSTRAP_KEY = "bootstrap-9c2e7a41f0d3b86e5a1c4f7d2b90e3a6";

  @TempDir Path dir;
  final String database = "bootstrap-test-" + UUID.randomUUID();
  final List<ConfigurableApplicationContext> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(ConfigurableApplicationContext::close);
  }

  ConfigurableApplicationContext start(String... extra) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--spring.main.banner-mode=off");
    args.add("--spring.mongodb.database=" + database);
    if (List.of(extra).stream().noneMatch(arg -> arg.contains("api-key-pepper"))) {
      args.add("--syncplan.security.api-key-pepper=" + PlanServiceTest.PEPPER);
    }
    args.addAll(List.of(extra));
    ConfigurableApplicationContext context =
        PlanServiceApplication.application().run(args.toArray(String[]::new));
    started.add(context);
    return context;
  }

  static WebTestClient client(ConfigurableApplicationContext context) {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build();
  }

  static WebTestClient.ResponseSpec plans(WebTestClient http, String key) {
    return http.get().uri("/api/v1/plans").header("Authorization", "Bearer " + key).exchange();
  }

  @Test
  void aRevokedBootstrapKeyStaysUnauthorizedAfterARestartWithTheSameEnvironment() {
    ConfigurableApplicationContext first =
        start("--syncplan.security.bootstrap-api-key=" + BOOTSTRAP_KEY);
    WebTestClient http = client(first);
    plans(http, BOOTSTRAP_KEY).expectStatus().isOk();
    String secondAdmin =
        (String)
            http.post()
                .uri("/api/v1/keys")
                .header("Authorization", "Bearer " + BOOTSTRAP_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"second-admin\",\"role\":\"ADMIN\"}")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("key");
    http.delete()
        .uri("/api/v1/keys/bootstrap")
        .header("Authorization", "Bearer " + secondAdmin)
        .exchange()
        .expectStatus()
        .isNoContent();
    plans(http, BOOTSTRAP_KEY).expectStatus().isUnauthorized();
    first.close();

    ConfigurableApplicationContext restarted =
        start("--syncplan.security.bootstrap-api-key=" + BOOTSTRAP_KEY);

    plans(client(restarted), BOOTSTRAP_KEY).expectStatus().isUnauthorized();
    plans(client(restarted), secondAdmin).expectStatus().isOk();
  }

  @Test
  void aGeneratedKeyIsWrittenForThisUserOnlyAndNotToStandardOutputWithoutATerminal(
      CapturedOutput output) throws Exception {
    Path file = dir.resolve("data/admin-api-key");

    ConfigurableApplicationContext context =
        start("--syncplan.security.generated-key-file=" + file);

    String key = Files.readString(file).strip();
    assertThat(key).startsWith("spk_");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(context.getBean(BootstrapApiKey.class).generatedKey()).contains(key);
    assertThat(output.getAll()).doesNotContain(key).contains(file.toString());
    plans(client(context), key).expectStatus().isOk();
  }

  @Test
  void keysStoredByAnEarlierVersionAsAPlainHashKeepWorkingAndAreRehashedUnderThePepper()
      throws Exception {
    ConfigurableApplicationContext first =
        start("--syncplan.security.bootstrap-api-key=" + BOOTSTRAP_KEY);
    String oldKey = "spk_issued-by-syncplan-0.1-" + UUID.randomUUID();
    String oldHash =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(oldKey.getBytes(StandardCharsets.UTF_8)));
    first
        .getBean(ReactiveMongoTemplate.class)
        .insert(
            new ApiKeyDocument(
                "old-key", "old", Role.VIEWER, oldHash, "spk_issu", Instant.now(), "test", null))
        .block(Duration.ofSeconds(10));
    first.close();

    ConfigurableApplicationContext upgraded =
        start("--syncplan.security.bootstrap-api-key=" + BOOTSTRAP_KEY);

    plans(client(upgraded), oldKey).expectStatus().isOk();
    ApiKeyDocument stored =
        upgraded
            .getBean(ReactiveMongoTemplate.class)
            .findById("old-key", ApiKeyDocument.class)
            .block(Duration.ofSeconds(10));
    assertThat(stored.hashScheme()).isEqualTo("hmac-sha256");
    assertThat(stored.hash()).isNotEqualTo(oldHash);
  }

  @Test
  void aShortOrPredictableBootstrapKeyOrAMissingPepperStopsTheStartWithTheReason() {
    for (String weak : List.of("short-key-0123456789", "passwordpasswordpasswordpassword")) {
      assertThatThrownBy(() -> start("--syncplan.security.bootstrap-api-key=" + weak))
          .hasStackTraceContaining("SYNCPLAN_BOOTSTRAP_API_KEY")
          .hasStackTraceContaining("openssl rand -hex 24");
    }
    assertThatThrownBy(() -> start("--syncplan.security.api-key-pepper="))
        .hasStackTraceContaining("SYNCPLAN_API_KEY_PEPPER");
  }

  @Test
  void jwtBearerTokensWithoutAConfiguredAudienceStopTheStart() {
    assertThatThrownBy(
            () ->
                start(
                    "--syncplan.security.bootstrap-api-key=" + BOOTSTRAP_KEY,
                    "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks"))
        .hasStackTraceContaining(
            "no audience is: set spring.security.oauth2.resourceserver.jwt.audiences");
  }
}
