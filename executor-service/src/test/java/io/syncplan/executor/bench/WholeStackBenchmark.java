package io.syncplan.executor.bench;

import io.syncplan.contracts.Topics;
import io.syncplan.testsupport.FileTrees;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Executor benchmarks through the whole stack: the standalone jar (plan-service, scheduler,
 * executor, notifications, an embedded Kafka and MongoDB) on free ports, driven over HTTP like a
 * client, its run events read from Kafka like a subscriber.
 *
 * <ol>
 *   <li>A MIRROR of a 10,000-file tree into an empty folder: from the run-now request to the
 *       SUCCEEDED event, against bare {@code rclone sync} of the same tree into an empty folder.
 *   <li>A run with nothing to change: the time from the command's consumption to the SUCCEEDED
 *       event minus the time rclone's processes ran for it (the executor's rclone timer), beside
 *       bare {@code rclone sync} of the unchanged tree.
 * </ol>
 *
 * Usage: {@code WholeStackBenchmark <standalone.jar> [repetitions]}; see bench/executor-bench.sh.
 */
public final class WholeStackBenchmark {

  /** The admin API key the benchmark's stack accepts (every /api call needs one). */
  private static final String API_KEY = "bench-admin-key-0123456789abcdef";

  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String api;
  private final String executorMetrics;

  private WholeStackBenchmark(int apiPort) {
    this.api = "http://127.0.0.1:" + apiPort + "/api/v1";
    this.executorMetrics = "http://127.0.0.1:" + (apiPort + 2) + "/actuator/prometheus";
  }

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = Bench.trees("syncplan-executor-bench");
    Path data = Bench.storeFolder("syncplan-executor-bench-data");
    Bench.deleteTree(work);
    Bench.deleteTree(data);
    Path source = work.resolve("source");
    System.out.println("Writing a tree of 10,000 files ...");
    FileTrees.write(source, 10_000, 11_800, 7);

    int apiPort = Bench.freePorts(4);
    int kafkaPort = Bench.freePorts(1);
    Path log = work.resolve("standalone.log");
    ProcessBuilder stack =
        new ProcessBuilder("java", Bench.standaloneJvmOptions(), "-jar", jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    stack.environment().put("SYNCPLAN_API_PORT", String.valueOf(apiPort));
    stack.environment().put("SYNCPLAN_KAFKA_PORT", String.valueOf(kafkaPort));
    stack.environment().put("SYNCPLAN_HOST", "127.0.0.1");
    stack.environment().put("SYNCPLAN_DATA_DIR", data.toString());
    stack.environment().put("SYNCPLAN_LOCAL_ROOTS", work.toString());
    stack.environment().put("SYNCPLAN_BOOTSTRAP_API_KEY", API_KEY);
    System.out.println(
        "Starting the standalone stack (API :" + apiPort + ", Kafka :" + kafkaPort + ") ...");
    Process standalone = stack.start();
    try (RunEventsSubscriber events =
        new RunEventsSubscriber(
            "127.0.0.1:" + kafkaPort,
            List.of(Topics.RUN_EVENTS, Topics.commands(Topics.DEFAULT_POOL)))) {
      Bench.awaitLog(standalone, log, "syncplan is running", Duration.ofMinutes(3));
      events.awaitAssignment();
      new WholeStackBenchmark(apiPort).run(source, work, repetitions, events);
    } finally {
      standalone.destroy();
      standalone.waitFor();
    }
  }

  private void run(Path source, Path work, int repetitions, RunEventsSubscriber events)
      throws Exception {
    System.out.println("Warming up ...");
    Bench.rclone("sync", source.toString(), work.resolve("warm-bare").toString());
    mirrorThroughStack(source, work.resolve("warm-stack"), events);

    List<Duration> bare = new ArrayList<>();
    List<Duration> stack = new ArrayList<>();
    String lastPlan = null;
    for (int i = 0; i < repetitions; i++) {
      Path bareDestination = work.resolve("bare-" + i);
      Path stackDestination = work.resolve("stack-" + i);
      // Alternate which goes first, so neither always meets a warmer page cache.
      if (i % 2 == 0) {
        bare.add(Bench.rclone("sync", source.toString(), bareDestination.toString()));
      }
      Mirrored mirrored = mirrorThroughStack(source, stackDestination, events);
      stack.add(mirrored.took());
      lastPlan = mirrored.planId();
      if (i % 2 == 1) {
        bare.add(Bench.rclone("sync", source.toString(), bareDestination.toString()));
      }
      if (Bench.fileCount(stackDestination) != 10_000) {
        throw new IllegalStateException("the stack's mirror is incomplete");
      }
      Bench.deleteTree(bareDestination);
      Bench.deleteTree(stackDestination.resolveSibling("stack-" + (i - 1)));
    }

    List<Duration> noChangeBare = new ArrayList<>();
    List<Duration> overheadFromQueued = new ArrayList<>();
    List<Duration> overheadFromCommand = new ArrayList<>();
    List<Duration> rcloneTimes = new ArrayList<>();
    Path synced = work.resolve("stack-" + (repetitions - 1));
    Path bareSynced = work.resolve("bare-synced");
    Bench.rclone("sync", source.toString(), bareSynced.toString());
    for (int i = 0; i < repetitions * 2; i++) {
      noChangeBare.add(Bench.rclone("sync", source.toString(), bareSynced.toString()));
      double rcloneBefore = rcloneSeconds();
      String runId = runNow(lastPlan);
      RunEventsSubscriber.Arrival done = events.await(runId, "run.succeeded", TIMEOUT);
      RunEventsSubscriber.Arrival queued = events.await(runId, "run.queued", TIMEOUT);
      RunEventsSubscriber.Arrival command = events.await(runId, "run.requested", TIMEOUT);
      Duration rclone = Duration.ofNanos((long) ((rcloneSeconds() - rcloneBefore) * 1e9));
      rcloneTimes.add(rclone);
      overheadFromQueued.add(
          Duration.between(queued.envelope().occurredAt(), done.envelope().occurredAt())
              .minus(rclone));
      overheadFromCommand.add(
          Duration.ofMillis(done.record().timestamp() - command.record().timestamp())
              .minus(rclone));
    }
    if (Bench.fileCount(synced) != 10_000) {
      throw new IllegalStateException("the no-change runs changed the mirror");
    }

    Duration bareMedian = Bench.median(bare);
    Duration stackMedian = Bench.median(stack);
    System.out.printf(
        "%n## MIRROR of 10,000 files (59 MB) into an empty folder, %d runs each%n", repetitions);
    System.out.println("| | median | all |");
    System.out.println("|---|---|---|");
    System.out.printf("| bare `rclone sync` | %s | %s |%n", Bench.ms(bareMedian), Bench.all(bare));
    System.out.printf(
        "| whole stack, run-now request to SUCCEEDED event | %s | %s |%n",
        Bench.ms(stackMedian), Bench.all(stack));
    System.out.printf(
        "| ratio (stack / bare) | %.2f | |%n",
        stackMedian.toNanos() / (double) bareMedian.toNanos());
    System.out.printf("%n## A run with nothing to change, %d runs%n", repetitions * 2);
    System.out.println("| | median | all |");
    System.out.println("|---|---|---|");
    System.out.printf(
        "| bare `rclone sync` of the unchanged tree | %s | %s |%n",
        Bench.ms(Bench.median(noChangeBare)), Bench.all(noChangeBare));
    System.out.printf(
        "| rclone's own time in the run (all its processes) | %s | %s |%n",
        Bench.ms(Bench.median(rcloneTimes)), Bench.all(rcloneTimes));
    System.out.printf(
        "| overhead: QUEUED to SUCCEEDED minus rclone | %s | %s |%n",
        Bench.ms(Bench.median(overheadFromQueued)), Bench.all(overheadFromQueued));
    System.out.printf(
        "| overhead: command record to SUCCEEDED record minus rclone | %s | %s |%n",
        Bench.ms(Bench.median(overheadFromCommand)), Bench.all(overheadFromCommand));
  }

  private record Mirrored(String planId, Duration took) {}

  private Mirrored mirrorThroughStack(Path source, Path destination, RunEventsSubscriber events)
      throws Exception {
    String planId = createPlan(source, destination);
    Bench.flushDirtyPages();
    long start = System.nanoTime();
    String runId = runNow(planId);
    RunEventsSubscriber.Arrival outcome = events.awaitOutcome(runId, TIMEOUT);
    if (!outcome.envelope().type().equals("run.succeeded")) {
      throw new IllegalStateException("the run ended " + outcome.envelope().type());
    }
    return new Mirrored(planId, Duration.ofNanos(outcome.arrivedNanos() - start));
  }

  private String createPlan(Path source, Path destination) throws Exception {
    String body =
        """
        {"name":"%s","source":{"path":"%s"},"destination":{"path":"%s"},"mode":"MIRROR"}
        """
            .formatted(
                "bench-" + destination.getFileName(), // plan names are unique
                source,
                destination);
    JsonNode plan = post(api + "/plans", body);
    return plan.path("id").asString();
  }

  private String runNow(String planId) throws Exception {
    return post(api + "/plans/" + planId + "/runs", "{}").path("runId").asString();
  }

  private JsonNode post(String url, String body) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          url + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** The executor's total rclone time so far, from its Prometheus endpoint. */
  private double rcloneSeconds() throws Exception {
    String metrics =
        http.send(
                HttpRequest.newBuilder(URI.create(executorMetrics)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("syncplan_executor_rclone_seconds_sum"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  static boolean exists(Path path) {
    return Files.exists(path);
  }
}
