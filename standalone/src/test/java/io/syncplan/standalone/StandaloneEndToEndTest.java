package io.syncplan.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.testsupport.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The foundation's promise, tried as a user would: the whole stack started by the standalone
 * module, plans created and run over HTTP, real rclone on real folders, a real webhook receiver, a
 * restart that keeps plans and runs, and the metrics docs/metrics.md promises operators.
 */
class StandaloneEndToEndTest {

  @TempDir Path work;
  StandaloneStack stack;
  MockWebServer webhook;
  final List<String> webhookBodies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startWebhookReceiver() throws Exception {
    webhook = new MockWebServer();
    webhook.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            webhookBodies.add(request.getBody().utf8());
            return new MockResponse.Builder().code(204).build();
          }
        });
    webhook.start();
  }

  @AfterEach
  void stopEverything() {
    if (stack != null) {
      stack.close();
    }
    webhook.close();
  }

  static final String ADMIN_KEY = "spk_standalone-end-to-end-test-admin-key";

  private ApiClient startStack() {
    stack = StandaloneStack.start(TestSettings.onLoopback(work.resolve("data"), ADMIN_KEY));
    return new ApiClient(stack.apiUrl(), ADMIN_KEY);
  }

  private static String plan(String name, Path source, Path destination, String extra) {
    return """
        {"name":"%s","source":{"path":"%s"},"destination":{"path":"%s"},"mode":"MIRROR"%s}
        """
        .formatted(name, source, destination, extra);
  }

  private static JsonNode awaitFinished(ApiClient api, String runId, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              ApiClient.Response run = api.get("/api/v1/runs/" + runId);
              return run.status() == 200
                  && List.of("SUCCEEDED", "FAILED", "PARTIAL", "CANCELLED")
                      .contains(run.body().get("status").asString());
            });
    return api.get("/api/v1/runs/" + runId).body();
  }

  private static String runNow(ApiClient api, String planId) {
    ApiClient.Response accepted = api.post("/api/v1/plans/" + planId + "/runs", "");
    assertThat(accepted.status()).isEqualTo(202);
    return accepted.body().get("runId").asString();
  }

  @Test
  void aMirrorPlanKeepsItsDestinationEqualToItsSourceThroughTheWholeStack() throws Exception {
    Path source = work.resolve("data-docs");
    Path destination = work.resolve("backup-docs");
    FileTrees.write(source, 300, 8192, 42);
    String hook = webhook.url("/hook").toString();
    ApiClient api = startStack();

    // A plan that runs by itself every minute; checked at the end, when it has had its minute.
    Path scheduledSource = work.resolve("scheduled-src");
    FileTrees.write(scheduledSource, 10, 100, 7);
    Instant scheduledCreatedAt = Instant.now();
    ApiClient.Response scheduled =
        api.post(
            "/api/v1/plans",
            plan(
                "every-minute",
                scheduledSource,
                work.resolve("scheduled-dst"),
                ",\"schedule\":{\"type\":\"INTERVAL\",\"everyMinutes\":1}"));
    assertThat(scheduled.status()).isEqualTo(201);
    String scheduledId = scheduled.body().get("id").asString();

    ApiClient.Response created =
        api.post(
            "/api/v1/plans",
            plan(
                "docs",
                source,
                destination,
                ",\"notifications\":{\"webhooks\":[{\"url\":\"" + hook + "\"}]}"));
    assertThat(created.status()).isEqualTo(201);
    String planId = created.body().get("id").asString();
    assertThat(api.get("/api/v1/plans/" + planId).body().get("name").asString()).isEqualTo("docs");

    // First run: an empty destination becomes equal to the source.
    String firstRun = runNow(api, planId);
    JsonNode first = awaitFinished(api, firstRun, Duration.ofSeconds(60));
    assertThat(first.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(FileTrees.snapshot(destination)).isEqualTo(FileTrees.snapshot(source));
    assertThat(first.get("stats").get("filesAdded").asLong()).isEqualTo(300);
    assertThat(first.get("startedAt")).isNotNull();
    assertThat(first.get("finishedAt")).isNotNull();

    // Second run after a deletion and a change: equal again, and the counts say what changed.
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    Files.delete(files.get(0));
    Files.writeString(files.get(1), "a changed file of another size");
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    String secondRun = runNow(api, planId);
    JsonNode second = awaitFinished(api, secondRun, Duration.ofSeconds(60));
    assertThat(second.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(FileTrees.snapshot(destination)).isEqualTo(FileTrees.snapshot(source));
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    assertThat(second.get("stats").get("filesAdded").asLong()).isZero();
    assertThat(second.get("stats").get("filesModified").asLong()).isEqualTo(1);
    assertThat(second.get("stats").get("filesDeleted").asLong()).isEqualTo(1);

    // Runs of the plan, newest first.
    JsonNode runs = api.get("/api/v1/plans/" + planId + "/runs").body().get("items");
    assertThat(runs.get(0).get("runId").asString()).isEqualTo(secondRun);
    assertThat(runs.get(1).get("runId").asString()).isEqualTo(firstRun);

    // A plan whose source does not exist fails with rclone's reason, not a stack trace.
    ApiClient.Response missing =
        api.post(
            "/api/v1/plans", plan("missing", work.resolve("no-such-dir"), work.resolve("x"), ""));
    JsonNode failed =
        awaitFinished(
            api, runNow(api, missing.body().get("id").asString()), Duration.ofSeconds(60));
    assertThat(failed.get("status").asString()).isEqualTo("FAILED");
    assertThat(failed.get("error").get("message").asString()).contains("directory not found");

    // Exactly one webhook POST per finished run of the plan with the webhook.
    Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> webhookBodies.size() >= 2);
    assertThat(webhookBodies).hasSize(2);
    assertThat(webhookBodies).anyMatch(body -> body.contains(firstRun));
    assertThat(webhookBodies).anyMatch(body -> body.contains(secondRun));

    // The scheduled plan ran by itself within a minute and a half of its creation.
    Awaitility.await()
        .atMost(Duration.between(Instant.now(), scheduledCreatedAt.plusSeconds(90)))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              JsonNode items =
                  api.get("/api/v1/plans/" + scheduledId + "/runs").body().get("items");
              return items.size() > 0
                  && items.get(0).get("trigger").asString().equals("SCHEDULE")
                  && items.get(0).get("status").asString().equals("SUCCEEDED");
            });

    // Runs have succeeded, failed, notified and been scheduled: what operators scrape now.
    // Checked at the end, so that a missing metric does not hide the behaviour checked below.
    Map<String, String> scraped = SmokeCheckMetrics.scrape(stack);

    // A restart keeps the plans and their runs.
    stack.close();
    stack = null;
    ApiClient restarted = startStack();
    assertThat(restarted.get("/api/v1/plans/" + planId).status()).isEqualTo(200);
    JsonNode runsAfterRestart =
        restarted.get("/api/v1/plans/" + planId + "/runs").body().get("items");
    assertThat(runsAfterRestart).hasSize(2);
    assertThat(restarted.get("/api/v1/runs/" + secondRun).body().get("status").asString())
        .isEqualTo("SUCCEEDED");

    // Every sample of docs/metrics.md's smoke check, from the service the doc names.
    List<SmokeCheckMetrics.Expected> expected = SmokeCheckMetrics.expected();
    assertThat(expected).hasSizeGreaterThan(20);
    assertThat(scraped.keySet())
        .containsExactlyInAnyOrderElementsOf(
            expected.stream().map(SmokeCheckMetrics.Expected::service).distinct().toList());
    assertThat(SmokeCheckMetrics.missing(expected, scraped))
        .as("samples of docs/metrics.md's smoke check the services do not export")
        .isEmpty();
  }

  @Test
  void badInputGetsProblemJsonAndAnUnknownRunGets404() {
    ApiClient api = startStack();

    ApiClient.Response invalid =
        api.post(
            "/api/v1/plans",
            "{\"name\":\"x\",\"source\":{\"path\":\"-rf\"},\"destination\":{\"path\":\"\"},"
                + "\"mode\":\"SIDEWAYS\",\"schedule\":{\"type\":\"INTERVAL\",\"everyMinutes\":0}}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.contentType()).startsWith("application/problem+json");
    assertThat(invalid.body().get("errors").findValuesAsString("field"))
        .contains("source.path", "destination.path", "mode", "schedule.everyMinutes");

    ApiClient.Response notJson = api.post("/api/v1/plans", "{{{");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.contentType()).startsWith("application/problem+json");

    stack
        .healthUrls()
        .forEach(
            (service, url) -> {
              ApiClient.Response health = new ApiClient(url, null).get("/readiness");
              assertThat(health.status()).as(service).isEqualTo(200);
              assertThat(health.body().get("status").asString()).as(service).isEqualTo("UP");
            });
    assertThat(stack.healthUrls()).hasSize(4);

    ApiClient.Response anonymous = new ApiClient(stack.apiUrl(), null).get("/api/v1/plans");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.contentType()).startsWith("application/problem+json");

    ApiClient.Response unknown = api.get("/api/v1/runs/no-such-run");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.contentType()).startsWith("application/problem+json");
    assertThat(api.get("/api/v1/plans").body().get("totalItems").asLong()).isZero();
  }
}
