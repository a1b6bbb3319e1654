package io.syncplan.executor.bench;

import io.syncplan.embedded.EmbeddedMongo;
import io.syncplan.embedded.KafkaBroker;
import io.syncplan.testsupport.SyncplanInfrastructureExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17, goal 3: a first MIRROR of a million small files between local folders, through the
 * services deployed as they are in production (each service its own JVM with the memory its
 * manifest gives it, beside one Kafka broker and the embedded store), against bare {@code rclone
 * sync} of the same tree.
 *
 * <p>For each stack run it samples, every 250 ms, the resident memory of every service's JVM (and
 * of the executor's rclone child apart), counts the run's progress events on its SSE stream with
 * the longest gap between two, and afterwards pages through the run's whole change list ({@code GET
 * /runs/{id}/changes}, 1,000 a page) and checks that it holds every file. It writes the samples to
 * {@code memory.csv} and a plot of them to {@code memory.svg} in the work folder.
 *
 * <p>Usage: {@code MillionFilesBenchmark <files> <pairs> <rclone> <plan.jar> <executor.jar>
 * <scheduler.jar> <notification.jar>}; see bench/million-files-bench.sh.
 */
public final class MillionFilesBenchmark {

  private static final String API_KEY = "bench-admin-key-0123456789abcdef";
  private static final String PEPPER = "YmVuY2gtb25seS1wZXBwZXItMDEyMzQ1Njc4OWFiY2Q=";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The services, each with the JVM options that stand for its container's memory limit. */
  private static final Map<String, Integer> LIMIT_MIB =
      Map.of("plan-service", 768, "scheduler-service", 512, "notification-service", 512);

  private final HttpClient http = HttpClient.newHttpClient();

  /** How often, and how long in nanoseconds, requests waited out the API key's rate limit. */
  private int rateLimitWaits;

  private long rateLimitWaited;
  private final String rclone;
  private final String api;
  private final Map<String, Process> services;

  private MillionFilesBenchmark(String rclone, int apiPort, Map<String, Process> services) {
    this.rclone = rclone;
    this.api = "http://127.0.0.1:" + apiPort + "/api/v1";
    this.services = services;
  }

  public static void main(String[] args) throws Exception {
    int files = Integer.parseInt(args[0]);
    int pairs = Integer.parseInt(args[1]);
    String rclone = args[2];
    Map<String, Path> jars = new LinkedHashMap<>();
    jars.put("plan-service", Path.of(args[3]));
    jars.put("executor-service", Path.of(args[4]));
    jars.put("scheduler-service", Path.of(args[5]));
    jars.put("notification-service", Path.of(args[6]));
    Path work = Bench.trees("syncplan-million-files-bench");
    Path data = Bench.storeFolder("syncplan-million-files-bench-data");
    Bench.deleteTree(work);
    Bench.deleteTree(data);
    Path source = work.resolve("source");
    long started = System.nanoTime();
    writeTree(source, files);
    System.out.printf("Wrote %,d files in %.0f s%n", files, (System.nanoTime() - started) / 1e9);

    try (KafkaBroker kafka = KafkaBroker.start(data.resolve("kafka"), "127.0.0.1", 0);
        EmbeddedMongo mongo =
            EmbeddedMongo.inFile(data.resolve("mongo/syncplan.mv"), "127.0.0.1", 0)) {
      int firstPort = Bench.freePorts(4);
      Map<String, Process> services = new LinkedHashMap<>();
      try {
        int port = firstPort;
        for (var jar : jars.entrySet()) {
          services.put(
              jar.getKey(),
              startService(
                  jar.getKey(),
                  jar.getValue(),
                  port++,
                  kafka.bootstrapServers(),
                  mongo.connectionString(),
                  work,
                  rclone));
        }
        for (var service : services.entrySet()) {
          Bench.awaitLog(
              service.getValue(),
              work.resolve(service.getKey() + ".log"),
              "Started ",
              Duration.ofMinutes(5));
        }
        new MillionFilesBenchmark(rclone, firstPort, services).measure(source, work, files, pairs);
      } finally {
        for (Process service : services.values()) {
          service.destroy();
        }
        for (Process service : services.values()) {
          service.waitFor();
        }
      }
    }
  }

  private static Process startService(
      String name, Path jar, int port, String kafka, String mongo, Path work, String rclone)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    if (name.equals("executor-service")) {
      String options =
          System.getenv()
              .getOrDefault(
                  "EXECUTOR_JAVA_OPTS",
                  "-Xmx96m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                      + " -XX:ReservedCodeCacheSize=32m -Dio.netty.allocator.type=unpooled");
      command.addAll(Arrays.asList(options.trim().split("\\s+")));
    } else {
      // What the image's JAVA_TOOL_OPTIONS make of the manifest's memory limit.
      command.add("-XX:MaxRAM=" + LIMIT_MIB.get(name) + "m");
      command.add("-XX:MaxRAMPercentage=75");
    }
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--spring.kafka.bootstrap-servers=" + kafka,
            "--spring.mongodb.uri=" + mongo,
            "--syncplan.secrets.key=" + SyncplanInfrastructureExtension.TEST_SECRETS_KEY));
    String signingKey =
        "--syncplan.command-signing.private-key="
            + SyncplanInfrastructureExtension.TEST_SIGNING_PRIVATE_KEY;
    switch (name) {
      case "plan-service" ->
          command.addAll(
              List.of(
                  "--syncplan.security.api-key-pepper=" + PEPPER,
                  "--syncplan.security.bootstrap-api-key=" + API_KEY,
                  "--syncplan.api.local-roots=" + work,
                  signingKey));
      case "executor-service" ->
          command.addAll(
              List.of(
                  "--syncplan.executor.rclone=" + rclone,
                  "--syncplan.executor.work-dir=" + work.resolve("executor"),
                  "--syncplan.executor.local-roots=" + work,
                  "--syncplan.command-signing.trusted-keys="
                      + SyncplanInfrastructureExtension.TEST_SIGNING_PUBLIC_KEY));
      case "scheduler-service" -> command.add(signingKey);
      default -> {}
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(work.resolve(name + ".log").toFile())
        .start();
  }

  /** {@code files} files of 20 to 120 bytes, 1,000 to a folder, 100 folders to a parent. */
  private static void writeTree(Path root, int files) throws IOException {
    byte[] content = new byte[120];
    Arrays.fill(content, (byte) 'x');
    for (int i = 0; i < files; i++) {
      Path folder = root.resolve(String.format("p%03d/d%03d", i / 100_000, (i / 1_000) % 100));
      if (i % 1_000 == 0) {
        Files.createDirectories(folder);
      }
      String head = "file " + i + "\n";
      byte[] bytes = new byte[20 + i % 100];
      System.arraycopy(content, 0, bytes, 0, bytes.length);
      byte[] name = head.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(name, 0, bytes, 0, Math.min(name.length, bytes.length));
      Files.write(folder.resolve(String.format("f%06d.txt", i)), bytes);
    }
  }

  private void measure(Path source, Path work, int files, int pairs) throws Exception {
    Path csv = work.resolve("memory.csv");
    Files.writeString(
        csv, "seconds," + String.join(",", services.keySet()) + ",rclone (executor's child)\n");
    // A small first run warms the services' JVMs up, as they would be after their first hour.
    Path warmSource = work.resolve("warm-source");
    writeTree(warmSource, 1_000);
    runToEnd(createPlan(warmSource, work.resolve("warm")), csv, -1);
    List<double[]> times = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      Path bareDestination = work.resolve("bare-" + i);
      Path stackDestination = work.resolve("stack-" + i);
      double bare = 0;
      if (i % 2 == 0) {
        bare = Bench.bareSync(rclone, source, bareDestination, RUN_TIMEOUT);
        Bench.deleteTree(bareDestination);
      }
      String plan = createPlan(source, stackDestination);
      StackRun run = runToEnd(plan, csv, i);
      if (Bench.fileCount(stackDestination) != files) {
        throw new IllegalStateException("the stack's mirror is incomplete");
      }
      if (i == 0) {
        notes.add(pageThroughChanges(run.runId(), files));
      }
      Bench.deleteTree(stackDestination);
      if (i % 2 == 1) {
        bare = Bench.bareSync(rclone, source, bareDestination, RUN_TIMEOUT);
        Bench.deleteTree(bareDestination);
      }
      times.add(new double[] {run.millis(), bare});
      notes.add(
          String.format(
              "pair %d: %,d progress events over %.0f s, longest gap between two %.1f s;"
                  + " peak resident memory %s",
              i + 1,
              run.progressEvents(),
              run.millis() / 1e3,
              run.longestGapMillis() / 1e3,
              run.peaks()));
    }
    Bench.pairTable(
        String.format("Goal 3: first MIRROR of %,d files (target at most 1.10x)", files),
        times,
        true);
    notes.forEach(System.out::println);
    Path svg = work.resolve("memory.svg");
    Files.writeString(svg, MemoryPlot.svg(Files.readAllLines(csv)));
    System.out.println("Samples: " + csv + ", plot: " + svg);
  }

  private record StackRun(
      String runId, double millis, int progressEvents, double longestGapMillis, String peaks) {}

  /** A run through the stack, from the run-now request to the end of its SSE stream. */
  private StackRun runToEnd(String planId, Path csv, int pair) throws Exception {
    Bench.flushDirtyPages();
    Map<String, Long> peaks = new LinkedHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    long start = System.nanoTime();
    Thread sampler = new Thread(() -> sample(csv, pair, start, peaks, running), "rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
    String runId = post(api + "/plans/" + planId + "/runs", "{}").path("runId").asString();
    List<Long> progressAt = new ArrayList<>();
    String last = "";
    HttpResponse<java.util.stream.Stream<String>> response =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/runs/" + runId + "/events"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + API_KEY)
                .timeout(RUN_TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    try (var lines = response.body()) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.startsWith("event:") && line.contains("progress")) {
          progressAt.add(System.nanoTime());
        } else if (line.startsWith("data:")) {
          last = line;
        }
      }
    }
    double millis = (System.nanoTime() - start) / 1e6;
    running.set(false);
    sampler.join();
    if (!last.contains("SUCCEEDED")) {
      throw new IllegalStateException("run " + runId + " did not succeed: " + last);
    }
    long gap = 0;
    for (int i = 1; i < progressAt.size(); i++) {
      gap = Math.max(gap, progressAt.get(i) - progressAt.get(i - 1));
    }
    StringBuilder peakText = new StringBuilder();
    peaks.forEach(
        (name, bytes) ->
            peakText
                .append(peakText.isEmpty() ? "" : ", ")
                .append(name)
                .append(' ')
                .append(bytes >> 20)
                .append(" MiB")
                .append(LIMIT_MIB.containsKey(name) ? " (limit " + LIMIT_MIB.get(name) + ")" : ""));
    return new StackRun(runId, millis, progressAt.size(), gap / 1e6, peakText.toString());
  }

  private void sample(
      Path csv, int pair, long start, Map<String, Long> peaks, AtomicBoolean running) {
    StringBuilder rows = new StringBuilder();
    while (running.get()) {
      StringBuilder row =
          new StringBuilder(String.format("%.2f", (System.nanoTime() - start) / 1e9));
      for (var service : services.entrySet()) {
        long rss = Bench.rss(service.getValue().toHandle());
        peaks.merge(service.getKey(), rss, Math::max);
        row.append(',').append(rss >> 20);
      }
      long children = services.get("executor-service").descendants().mapToLong(Bench::rss).sum();
      peaks.merge("rclone", children, Math::max);
      row.append(',').append(children >> 20);
      if (pair == 0) {
        rows.append(row).append('\n');
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    try {
      Files.writeString(csv, rows, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pages through the run's whole change list, 1,000 a page; a line on what it found. */
  private String pageThroughChanges(String runId, int files) throws Exception {
    long start = System.nanoTime();
    long added = 0;
    int pages = 0;
    long slowest = 0;
    int waitsBefore = rateLimitWaits;
    long waitedBefore = rateLimitWaited;
    for (int page = 0; ; page++) {
      long pageStart = System.nanoTime();
      long waited = rateLimitWaited;
      JsonNode body = get(api + "/runs/" + runId + "/changes?kind=ADDED&size=1000&page=" + page);
      slowest = Math.max(slowest, System.nanoTime() - pageStart - (rateLimitWaited - waited));
      int items = body.path("items").size();
      added += items;
      pages++;
      if (items < 1000) {
        break;
      }
    }
    if (added != files) {
      throw new IllegalStateException(
          "the change list holds " + added + " added paths, not " + files);
    }
    return String.format(
        "change list of the first run: %,d added paths in %,d pages of 1,000, read in %.1f s"
            + " (slowest page %.0f ms; %d waits of %.1f s in all on the API key's rate limit)",
        added,
        pages,
        (System.nanoTime() - start) / 1e9,
        slowest / 1e6,
        rateLimitWaits - waitsBefore,
        (rateLimitWaited - waitedBefore) / 1e9);
  }

  private String createPlan(Path source, Path destination) throws Exception {
    String body =
        """
        {"name":"%s","source":{"path":"%s"},"destination":{"path":"%s"},"mode":"MIRROR"}
        """
            .formatted("million-" + destination.getFileName(), source, destination);
    return post(api + "/plans", body).path("id").asString();
  }

  private JsonNode post(String url, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private JsonNode get(String url) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /**
   * Sends as a well-behaved client does: a {@code 429} (the API key's rate limit, 100 requests a
   * second) is waited out as its {@code Retry-After} says and the request sent again; the time
   * waited is counted apart ({@link #rateLimitWaits}).
   */
  private JsonNode send(HttpRequest.Builder request) throws Exception {
    HttpRequest built = request.header("Authorization", "Bearer " + API_KEY).build();
    HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
    for (int waits = 0; response.statusCode() == 429 && waits < 60; waits++) {
      long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
      long waitStart = System.nanoTime();
      Thread.sleep(Math.max(1, seconds) * 1000);
      rateLimitWaits++;
      rateLimitWaited += System.nanoTime() - waitStart;
      response = http.send(built, HttpResponse.BodyHandlers.ofString());
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }
}
