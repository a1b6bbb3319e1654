package io.syncplan.executor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.testsupport.MutableClock;
import io.syncplan.testsupport.TestRclone;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The health endpoint shows which rclone runs the plans, and the executor's pool; readiness needs
 * MongoDB, Kafka and an rclone that really runs.
 */
@ExecutorTest
class RcloneHealthTest {

  @LocalServerPort int port;
  @TempDir Path dir;

  @Test
  void readinessIncludesMongoKafkaAndRcloneAndLivenessOnlyTheApplicationsOwnState()
      throws Exception {
    JsonNode readiness = get("/actuator/health/readiness");
    JsonNode liveness = get("/actuator/health/liveness");

    assertThat(readiness.path("status").asString()).as(readiness.toString()).isEqualTo("UP");
    assertThat(readiness.path("components").propertyNames())
        .containsExactlyInAnyOrder("readinessState", "mongo", "kafka", "rclone");
    assertThat(liveness.path("status").asString()).isEqualTo("UP");
    assertThat(liveness.path("components").propertyNames()).containsExactly("livenessState");
  }

  @Test
  void rcloneIsDownOnceItsBinaryNoLongerRunsAndIsCheckedAtMostOncePerInterval() throws Exception {
    Path binary = Files.createSymbolicLink(dir.resolve("rclone"), TestRclone.require().path());
    ExecutorProperties properties =
        new ExecutorProperties(
            "default",
            "health-test",
            1,
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            dir.resolve("work"),
            binary.toString(),
            null,
            1,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            Duration.ofHours(1),
            Duration.ofMinutes(1),
            Duration.ofSeconds(5));
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    RcloneHealthIndicator indicator =
        new RcloneHealthIndicator(new Rclone(properties), clock, Duration.ofSeconds(30));

    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    Files.delete(binary);
    clock.advance(Duration.ofSeconds(29));
    // Within the interval, the last check stands: probes do not start a process each.
    assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    clock.advance(Duration.ofSeconds(1));
    Health down = indicator.health();

    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails().get("error").toString()).contains("rclone is required");
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return JsonMapper.builder().build().readTree(response.body());
  }

  @Test
  void healthShowsTheInstalledRcloneVersionAndThePool() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode health = JsonMapper.builder().build().readTree(response.body());

    // The overall status is not asserted: the embedded MongoDB of the tests does not answer the
    // driver's "hello" health probe, so Boot's mongo indicator reports it down here.
    JsonNode rclone = health.path("components").path("rclone");
    assertThat(rclone.isMissingNode()).as(response.body()).isFalse();
    assertThat(rclone.path("status").asString()).isEqualTo("UP");
    TestRclone.Installed installed = TestRclone.require();
    assertThat(rclone.path("details").path("version").asString()).isEqualTo(installed.version());
    assertThat(rclone.path("details").path("bisyncConflictResolve").asBoolean())
        .isEqualTo(installed.isAtLeast(1, 66));
    JsonNode executor = health.path("components").path("executor").path("details");
    assertThat(executor.path("pool").asString()).isEqualTo("default");
    assertThat(executor.path("id").asString()).isEqualTo("test-executor");
  }
}
