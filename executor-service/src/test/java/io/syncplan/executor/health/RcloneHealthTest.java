package io.syncplan.executor.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.executor.ExecutorTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The health endpoint shows which rclone runs the plans, and the executor's pool. */
@ExecutorTest
class RcloneHealthTest {

  @LocalServerPort int port;

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
    assertThat(rclone.path("details").path("version").asString()).isEqualTo("v1.60.1-DEV");
    assertThat(rclone.path("details").path("bisyncConflictResolve").asBoolean()).isFalse();
    JsonNode executor = health.path("components").path("executor").path("details");
    assertThat(executor.path("pool").asString()).isEqualTo("default");
    assertThat(executor.path("id").asString()).isEqualTo("test-executor");
  }
}
