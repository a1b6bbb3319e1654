package io.syncplan.executor.bench;

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
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's whole-stack benchmarks, as a user sees a run: from the run-now request to the end of
 * the run's Server-Sent Events stream ({@code GET /runs/{id}/events} ends with the final state).
 *
 * <ul>
 *   <li>{@code speed}: goals 1 and 2. Interleaved pairs (which goes first alternates): a MIRROR of
 *       10,000 files into an empty folder, stack vs bare {@code rclone sync}; then a run with
 *       nothing to change, stack vs bare {@code rclone sync} of the synced tree. Prints each pair's
 *       ratio and the median of the paired ratios with min and max.
 *   <li>{@code cost}: goal 6. For one 10,000-file run and one no-change run: the rclone processes
 *       the executor started (rclone is a counting wrapper here), the store commands of all four
 *       services (the MongoDB driver's {@code mongodb.driver.commands} metric), and the Kafka
 *       records produced (end offsets of every topic), each as the run's window minus an idle
 *       window of the same length just before it (the services' own polling).
 * </ul>
 *
 * Usage: {@code RunCostBenchmark speed|cost <standalone.jar> <pairs> <rclone>}; see
 * bench/run-cost-bench.sh.
 */
public final class RunCostBenchmark {

  private static final String API_KEY = "bench-admin-key-0123456789abcdef";
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int FILES = 10_000;

  /**
   * Runs before the pairs, so that they time the stack as it runs day to day rather than in its
   * first minute: right after its start the JVM's compilers took about half the stack's CPU time on
   * this 2-core machine (20 no-change runs of a 20-file plan, profiled), and the same runs took 300
   * ms at first and 160 ms after a hundred. Bare rclone has no such start-up.
   */
  private static final int WARM_UP_RUNS_INTO_EMPTY_FOLDERS = 3;

  private static final int WARM_UP_RUNS_WITHOUT_CHANGES = 40;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String rclone;
  private final String api;
  private final int apiPort;
  private final String kafka;

  private RunCostBenchmark(String rclone, int apiPort, int kafkaPort) {
    this.rclone = rclone;
    this.apiPort = apiPort;
    this.api = "http://127.0.0.1:" + apiPort + "/api/v1";
    this.kafka = "127.0.0.1:" + kafkaPort;
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path jar = Path.of(args[1]);
    int pairs = Integer.parseInt(args[2]);
    String rclone = args[3];
    Path work = Bench.trees("syncplan-run-cost-bench");
    Path data = Bench.storeFolder("syncplan-run-cost-bench-data");
    Bench.deleteTree(work);
    Bench.deleteTree(data);
    Path source = work.resolve("source");
    System.out.println("Writing a tree of 10,000 files ...");
    FileTrees.write(source, FILES, 11_800, 7);
    Path calls = work.resolve("rclone-calls.txt");
    String executorRclone = rclone;
    if (mode.equals("cost")) {
      executorRclone = countingWrapper(work, rclone, calls).toString();
    }
    int apiPort = Bench.freePorts(4);
    int kafkaPort = Bench.freePorts(1);
    Path log = work.resolve("standalone.log");
    ProcessBuilder stack =
        new ProcessBuilder(
                "java",
                Bench.standaloneJvmOptions(),
                "-Dsyncplan.executor.rclone=" + executorRclone,
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    stack.environment().put("SYNCPLAN_API_PORT", String.valueOf(apiPort));
    stack.environment().put("SYNCPLAN_KAFKA_PORT", String.valueOf(kafkaPort));
    stack.environment().put("SYNCPLAN_HOST", "127.0.0.1");
    stack.environment().put("SYNCPLAN_DATA_DIR", data.toString());
    stack.environment().put("SYNCPLAN_BOOTSTRAP_API_KEY", API_KEY);
    stack.environment().put("SYNCPLAN_LOCAL_ROOTS", work.toString());
    System.out.println("Starting the standalone stack " + jar + " ...");
    Process standalone = stack.start();
    try {
      Bench.awaitLog(standalone, log, "syncplan is running", Duration.ofMinutes(3));
      RunCostBenchmark bench = new RunCostBenchmark(rclone, apiPort, kafkaPort);
      if (mode.equals("cost")) {
        bench.cost(source, work, calls);
      } else {
        bench.speed(source, work, pairs);
      }
    } finally {
      standalone.destroy();
      standalone.waitFor();
    }
  }

  private void speed(Path source, Path work, int pairs) throws Exception {
    warmUp(source, work);
    List<double[]> first = new ArrayList<>();
    String lastPlan = null;
    Path lastDestination = null;
    for (int i = 0; i < pairs; i++) {
      Path bareDestination = work.resolve("bare-" + i);
      Path stackDestination = work.resolve("stack-" + i);
      String plan = createPlan(source, stackDestination);
      double bare = 0;
      if (i % 2 == 0) {
        bare = Bench.bareSync(rclone, source, bareDestination, TIMEOUT);
      }
      double stack = runToEnd(plan);
      if (i % 2 == 1) {
        bare = Bench.bareSync(rclone, source, bareDestination, TIMEOUT);
      }
      if (Bench.fileCount(stackDestination) != FILES) {
        throw new IllegalStateException("the stack's mirror is incomplete");
      }
      first.add(new double[] {stack, bare});
      Bench.deleteTree(bareDestination);
      if (lastDestination != null) {
        Bench.deleteTree(lastDestination);
      }
      lastPlan = plan;
      lastDestination = stackDestination;
    }
    Path bareSynced = work.resolve("bare-synced");
    Bench.bareSync(rclone, source, bareSynced, TIMEOUT);
    List<double[]> noChange = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      double bare = 0;
      if (i % 2 == 0) {
        bare = Bench.bareSync(rclone, source, bareSynced, TIMEOUT);
      }
      double stack = runToEnd(lastPlan);
      if (i % 2 == 1) {
        bare = Bench.bareSync(rclone, source, bareSynced, TIMEOUT);
      }
      noChange.add(new double[] {stack, bare});
    }
    if (Bench.fileCount(lastDestination) != FILES) {
      throw new IllegalStateException("the no-change runs changed the mirror");
    }
    Bench.pairTable(
        "Goal 1: MIRROR of 10,000 files (59 MB) into an empty folder, target at most 1.10x",
        first,
        false);
    Bench.pairTable("Goal 2: a run with nothing to change, target at most 1.25x", noChange, false);
  }

  private void warmUp(Path source, Path work) throws Exception {
    System.out.printf(
        "Warming up: %d runs into empty folders, then %d runs without changes ...%n",
        WARM_UP_RUNS_INTO_EMPTY_FOLDERS, WARM_UP_RUNS_WITHOUT_CHANGES);
    Bench.bareSync(rclone, source, work.resolve("warm-bare"), TIMEOUT);
    Bench.deleteTree(work.resolve("warm-bare"));
    String plan = null;
    Path destination = null;
    for (int i = 0; i < WARM_UP_RUNS_INTO_EMPTY_FOLDERS; i++) {
      if (destination != null) {
        Bench.deleteTree(destination);
      }
      destination = work.resolve("warm-stack-" + i);
      plan = createPlan(source, destination);
      runToEnd(plan);
    }
    List<Double> unchanged = new ArrayList<>();
    for (int i = 0; i < WARM_UP_RUNS_WITHOUT_CHANGES; i++) {
      unchanged.add(runToEnd(plan));
    }
    System.out.printf(
        "Warm-up runs without changes: the first five took %s ms, the last five %s ms%n",
        milliseconds(unchanged.subList(0, 5)),
        milliseconds(unchanged.subList(unchanged.size() - 5, unchanged.size())));
    Bench.deleteTree(destination);
  }

  private static String milliseconds(List<Double> durations) {
    return durations.stream()
        .map(d -> String.valueOf(Math.round(d)))
        .collect(Collectors.joining(", "));
  }

  private void cost(Path source, Path work, Path calls) throws Exception {
    String plan = createPlan(source, work.resolve("mirror"));
    System.out.println("\n## Cost of one run (run window minus an idle window as long)\n");
    System.out.println("| run | rclone processes | store commands | Kafka records |");
    System.out.println("|---|---|---|---|");
    System.out.println(costRow("10,000 files into an empty folder", plan, calls));
    System.out.println(costRow("the same plan again, nothing to change", plan, calls));
  }

  private String costRow(String name, String plan, Path calls) throws Exception {
    Thread.sleep(3_000); // let the previous run's trailing work settle
    Snapshot idleStart = snapshot(calls);
    long start = System.nanoTime();
    String runId = runNow(plan);
    followToEnd(runId);
    Thread.sleep(1_000); // notifications and the history after the outcome
    long windowNanos = System.nanoTime() - start;
    Snapshot runEnd = snapshot(calls);
    Snapshot runStart = idleStart;
    // The idle window: as long as the run's, right after it.
    TimeUnit.NANOSECONDS.sleep(windowNanos);
    Snapshot idleEnd = snapshot(calls);
    Map<String, Long> rclone = minus(runEnd.rclone(), runStart.rclone());
    Map<String, Long> store =
        minus(minus(runEnd.store(), runStart.store()), minus(idleEnd.store(), runEnd.store()));
    Map<String, Long> records =
        minus(
            minus(runEnd.records(), runStart.records()),
            minus(idleEnd.records(), runEnd.records()));
    return String.format(
        "| %s | %d %s | %d %s | %d %s |",
        name, sum(rclone), rclone, sum(store), store, sum(records), records);
  }

  private record Snapshot(
      Map<String, Long> rclone, Map<String, Long> store, Map<String, Long> records) {}

  private Snapshot snapshot(Path calls) throws Exception {
    Map<String, Long> rclone = new TreeMap<>();
    if (Files.exists(calls)) {
      for (String line : Files.readAllLines(calls)) {
        if (!line.isBlank() && !line.equals("version")) {
          rclone.merge(line.strip(), 1L, Long::sum);
        }
      }
    }
    Map<String, Long> store = new TreeMap<>();
    for (int port = apiPort; port < apiPort + 4; port++) {
      String metrics = get("http://127.0.0.1:" + port + "/actuator/prometheus");
      for (String line : metrics.lines().toList()) {
        if (line.startsWith("mongodb_driver_commands_seconds_count{")) {
          String command = label(line, "command");
          long count = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          store.merge(command, count, Long::sum);
        }
      }
    }
    Map<String, Long> records = new TreeMap<>();
    Properties settings = new Properties();
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
    try (Admin admin = Admin.create(settings)) {
      var topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
      var partitions =
          admin.describeTopics(topics).allTopicNames().get().values().stream()
              .flatMap(
                  topic ->
                      topic.partitions().stream()
                          .map(p -> new TopicPartition(topic.name(), p.partition())))
              .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      admin
          .listOffsets(partitions)
          .all()
          .get()
          .forEach(
              (partition, offset) -> records.merge(partition.topic(), offset.offset(), Long::sum));
    }
    return new Snapshot(rclone, store, records);
  }

  private static String label(String line, String name) {
    int at = line.indexOf(name + "=\"");
    if (at < 0) {
      return "?";
    }
    int from = at + name.length() + 2;
    return line.substring(from, line.indexOf('"', from));
  }

  private static Map<String, Long> minus(Map<String, Long> a, Map<String, Long> b) {
    Map<String, Long> result = new TreeMap<>();
    a.forEach((key, value) -> result.put(key, value - b.getOrDefault(key, 0L)));
    b.forEach((key, value) -> result.putIfAbsent(key, -value));
    result.values().removeIf(value -> value == 0);
    return result;
  }

  private static long sum(Map<String, Long> values) {
    return values.values().stream().mapToLong(Long::longValue).sum();
  }

  /** An rclone that writes its verb to {@code calls}, then becomes the real one. */
  private static Path countingWrapper(Path work, String rclone, Path calls) throws Exception {
    Path wrapper = work.resolve("rclone-counting");
    Files.writeString(
        wrapper, "#!/bin/sh\necho \"$1\" >> '" + calls + "'\nexec '" + rclone + "' \"$@\"\n");
    wrapper.toFile().setExecutable(true);
    return wrapper;
  }

  /** A run through the stack, from the run-now request to the end of its SSE; milliseconds. */
  private double runToEnd(String planId) throws Exception {
    Bench.flushDirtyPages();
    long start = System.nanoTime();
    String runId = runNow(planId);
    String status = followToEnd(runId);
    double took = (System.nanoTime() - start) / 1e6;
    if (!status.contains("SUCCEEDED")) {
      throw new IllegalStateException("run " + runId + " did not succeed: " + status);
    }
    return took;
  }

  /** Follows the run's events until the stream ends; the last event's data. */
  private String followToEnd(String runId) throws Exception {
    HttpResponse<java.util.stream.Stream<String>> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/runs/" + runId + "/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + API_KEY)
                .timeout(TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("the run's events answered " + response.statusCode());
    }
    try (var lines = response.body()) {
      return lines.filter(line -> line.startsWith("data:")).reduce("", (a, b) -> b);
    }
  }

  private String createPlan(Path source, Path destination) throws Exception {
    String body =
        """
        {"name":"%s","source":{"path":"%s"},"destination":{"path":"%s"},"mode":"MIRROR"}
        """
            .formatted("bench-" + destination.getFileName(), source, destination);
    return post(api + "/plans", body).path("id").asString();
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

  private String get(String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
