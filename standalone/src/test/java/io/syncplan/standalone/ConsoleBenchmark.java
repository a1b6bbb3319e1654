package io.syncplan.standalone;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.EnvelopeSerializer;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;

/**
 * The console's performance targets, measured (bench/console-bench.sh runs it; skipped otherwise):
 *
 * <ol>
 *   <li>with 10,000 plans, the overview and the plan list ready in a real browser (navigation to
 *       the page's ready mark), beside loading a static file from the same server;
 *   <li>the API calls those pages make, p99, beside fetching a static file;
 *   <li>500 live viewers of {@code GET /api/v1/runs/events}: store queries per second with and
 *       without them, and how long an event takes from its publication to every viewer.
 * </ol>
 *
 * Baselines and measurements are interleaved, pair by pair; figures are printed as lines starting
 * with "BENCH".
 */
@EnabledIfSystemProperty(named = "syncplan.bench", matches = "true")
class ConsoleBenchmark {

  static final String KEY = "spk_console-benchmark-admin-key-0001";
  static final int PLANS = 10_000;
  static final int PAIRS = Integer.getInteger("syncplan.bench.pairs", 9);
  static final int VIEWERS = Integer.getInteger("syncplan.bench.viewers", 500);

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  String base;

  @Test
  void consolePagesApiCallsAndLiveViewers() throws Exception {
    Path data = Path.of(System.getProperty("syncplan.bench.data", "/tmp/syncplan-console-bench"));
    // One key plays every viewer and the seeding client: lift its per-key limits.
    System.setProperty("syncplan.security.max-live-streams", String.valueOf(VIEWERS + 10));
    System.setProperty("syncplan.security.rate-limit.enabled", "false");
    try (StandaloneStack stack = StandaloneStack.start(TestSettings.onLoopback(data, KEY))) {
      base = stack.apiUrl();
      seed();
      pages(data);
      apiCalls();
      liveViewers(stack);
    }
  }

  private void seed() throws Exception {
    int have = total();
    if (have >= PLANS) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    Semaphore inFlight = new Semaphore(16);
    AtomicInteger failed = new AtomicInteger();
    for (int i = have; i < PLANS; i++) {
      int n = i;
      inFlight.acquire();
      pool.submit(
          () -> {
            try {
              String body =
                  """
                  {"name":"bench-%05d","tags":["bench","team-%d"],"source":{"path":"/data/bench/%d"},
                   "destination":{"path":"/backup/bench/%d"},"mode":"MIRROR",
                   "schedule":{"type":"INTERVAL","everyMinutes":%d},"paused":%s,"pool":"bench-idle"}
                  """
                      .formatted(n, n % 10, n, n, 60 + n % 600, n % 7 == 0);
              int status = send(post("/api/v1/plans", body)).statusCode();
              if (status != 201 && status != 409) {
                failed.incrementAndGet();
              }
            } catch (Exception e) {
              failed.incrementAndGet();
            } finally {
              inFlight.release();
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.MINUTES);
    System.out.printf("BENCH seeded plans: %d (failed %d)%n", total(), failed.get());
  }

  private int total() throws Exception {
    String body = send(get("/api/v1/plans?size=1")).body();
    Matcher m = Pattern.compile("\"totalItems\":(\\d+)").matcher(body);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** Page ready in a real browser: navigation start to the console's ready mark. */
  private void pages(Path data) {
    if (Browser.missing().isPresent()) {
      System.out.println("BENCH pages skipped: " + Browser.missing().get());
      return;
    }
    try (Browser browser =
        Browser.start(
            data.resolve("chromium-profile-" + UUID.randomUUID()), data.resolve("shots"))) {
      browser.driver.get(base + "/#/sign-in");
      browser.find(By.id("api-key")).sendKeys(KEY);
      browser.find(By.cssSelector("button[type=submit]")).click();
      browser.until(d -> "/".equals(browser.script("return document.body.dataset.ready")));
      List<Double> staticFile = new ArrayList<>();
      List<Double> overview = new ArrayList<>();
      List<Double> plans = new ArrayList<>();
      for (int i = 0; i < PAIRS + 2; i++) {
        double file = load(browser, base + "/assets/console.css", null);
        double over = load(browser, base + "/?" + i + "#/", "/");
        double list = load(browser, base + "/?" + i + "#/plans", "/plans");
        if (i >= 2) { // the first two warm the JIT and the browser's cache
          staticFile.add(file);
          overview.add(over);
          plans.add(list);
        }
      }
      report("page static file (load event)", staticFile, null);
      report("page overview ready", overview, staticFile);
      report("page plan list ready", plans, staticFile);
    }
  }

  private static double load(Browser browser, String url, String ready) {
    browser.driver.get("about:blank");
    browser.driver.get(url);
    if (ready == null) {
      browser.until(
          d ->
              ((Number)
                          browser.script(
                              "return performance.getEntriesByType('navigation')[0].loadEventEnd"))
                      .doubleValue()
                  > 0);
      return ((Number)
              browser.script("return performance.getEntriesByType('navigation')[0].loadEventEnd"))
          .doubleValue();
    }
    browser.until(d -> ready.equals(browser.script("return document.body.dataset.ready")));
    return ((Number)
            browser.script("return performance.getEntriesByName('syncplan-ready').pop().startTime"))
        .doubleValue();
  }

  /** The overview's and the plan list's API calls, each p99 over many requests. */
  private void apiCalls() throws Exception {
    List<String> calls =
        List.of(
            "/api/v1/plans/overview?limit=8",
            "/api/v1/plans?size=50",
            "/api/v1/plans?size=50&state=PAUSED&sort=lastRun,desc",
            "/api/v1/plans?size=50&q=bench-0999&tag=team-3",
            "/api/v1/storages?size=500");
    for (int warm = 0; warm < 200; warm++) {
      for (String call : calls) {
        send(get(call));
      }
    }
    List<Double> baseline = new ArrayList<>();
    Map<String, List<Double>> measured = new java.util.LinkedHashMap<>();
    calls.forEach(call -> measured.put(call, new ArrayList<>()));
    for (int i = 0; i < 500; i++) {
      baseline.add(timed(HttpRequest.newBuilder(URI.create(base + "/assets/console.css")).build()));
      for (String call : calls) {
        measured.get(call).add(timed(get(call)));
      }
    }
    System.out.printf(
        "BENCH api static file p50 %.1f ms p99 %.1f ms%n", pct(baseline, 50), pct(baseline, 99));
    measured.forEach(
        (call, times) ->
            System.out.printf(
                "BENCH api %s p50 %.1f ms p99 %.1f ms (static file p99 %.1f ms)%n",
                call, pct(times, 50), pct(times, 99), pct(baseline, 99)));
  }

  private double timed(HttpRequest request) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = send(request);
    double ms = (System.nanoTime() - start) / 1e6;
    if (response.statusCode() != 200) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
    }
    return ms;
  }

  /** 500 viewers of the live run stream: store queries they add, and how late they see events. */
  private void liveViewers(StandaloneStack stack) throws Exception {
    String planId = planId();
    // the same events without viewers first: what the run history's own writes cost
    double quiet;
    try (KafkaProducer<String, Envelope<?>> producer = producer(stack)) {
      quiet = progressWindow(producer, planId, "bench-quiet-" + UUID.randomUUID());
    }
    String runId = "bench-live-" + UUID.randomUUID();
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger connected = new AtomicInteger();
    List<Thread> readers = new ArrayList<>();
    List<java.io.InputStream> streams = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch open = new CountDownLatch(VIEWERS);
    for (int i = 0; i < VIEWERS; i++) {
      Thread reader =
          new Thread(
              () -> {
                try {
                  HttpResponse<java.io.InputStream> response =
                      http.send(
                          HttpRequest.newBuilder(URI.create(base + "/api/v1/runs/events"))
                              .header("Authorization", "Bearer " + KEY)
                              .header("Accept", "text/event-stream")
                              .build(),
                          HttpResponse.BodyHandlers.ofInputStream());
                  streams.add(response.body());
                  connected.incrementAndGet();
                  open.countDown();
                  BufferedReader lines =
                      new BufferedReader(
                          new InputStreamReader(response.body(), StandardCharsets.UTF_8));
                  Pattern at = Pattern.compile("\"progress\":\\{[^}]*\"at\":\"([^\"]+)\"");
                  String line;
                  while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains("\"" + runId + "\"")) {
                      Matcher m = at.matcher(line);
                      if (m.find()) {
                        latencies.add(
                            (System.currentTimeMillis() - Instant.parse(m.group(1)).toEpochMilli())
                                * 1.0);
                      }
                    }
                  }
                } catch (Exception e) {
                  open.countDown();
                }
              },
              "viewer-" + i);
      reader.setDaemon(true);
      reader.start();
      readers.add(reader);
    }
    open.await(2, TimeUnit.MINUTES);
    System.out.printf("BENCH live viewers connected: %d%n", connected.get());
    try (KafkaProducer<String, Envelope<?>> producer = producer(stack)) {
      double withViewers = progressWindow(producer, planId, runId);
      Thread.sleep(2000);
      List<Double> all = new ArrayList<>(latencies);
      System.out.printf(
          "BENCH live store commands/s on runs, the same events without viewers %.2f, with %d viewers %.2f (added %.2f)%n",
          quiet, connected.get(), withViewers, withViewers - quiet);
      System.out.printf(
          "BENCH live event to viewer: %d deliveries (expected %d), p50 %.0f ms p99 %.0f ms max %.0f ms%n",
          all.size(), 20 * connected.get(), pct(all, 50), pct(all, 99), pct(all, 100));
      publish(producer, planId, finished(runId, planId));
    }
    for (java.io.InputStream stream : streams) {
      try {
        stream.close();
      } catch (Exception e) {
        // closing
      }
    }
    readers.forEach(Thread::interrupt);
  }

  /**
   * A run queued, then one progress event a second for 20 s, as an executor sends them: the store
   * commands per second on the runs collection meanwhile. The quiet run is ended at once.
   */
  private double progressWindow(
      KafkaProducer<String, Envelope<?>> producer, String planId, String runId) throws Exception {
    publish(
        producer,
        planId,
        new RunQueued(runId, planId, RunTrigger.MANUAL, Instant.now(), Priority.HIGH, false));
    Thread.sleep(1000);
    long windowStart = System.nanoTime();
    double before = queries();
    for (int i = 1; i <= 20; i++) {
      publish(producer, planId, new RunProgress(runId, planId, i, 20, i, 20, 1000.0, 20L - i));
      Thread.sleep(1000);
    }
    double perSecond = (queries() - before) / ((System.nanoTime() - windowStart) / 1e9);
    if (runId.startsWith("bench-quiet-")) {
      publish(producer, planId, finished(runId, planId));
    }
    return perSecond;
  }

  private static RunFinished finished(String runId, String planId) {
    return new RunFinished(
        runId,
        planId,
        RunStatus.CANCELLED,
        Instant.now(),
        Instant.now(),
        1,
        false,
        null,
        null,
        null);
  }

  private void publish(KafkaProducer<String, Envelope<?>> producer, String planId, Message m)
      throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.RUN_EVENTS,
                planId,
                Envelope.wrap(UUID.randomUUID(), m, "bench", Instant.now())))
        .get();
  }

  private static KafkaProducer<String, Envelope<?>> producer(StandaloneStack stack) {
    Properties settings = new Properties();
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(settings, new StringSerializer(), new EnvelopeSerializer());
  }

  private String planId() throws Exception {
    String body = send(get("/api/v1/plans?size=1")).body();
    Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(body);
    m.find();
    return m.group(1);
  }

  /**
   * plan-service's MongoDB commands on the runs collection so far, from its Prometheus endpoint.
   */
  private double queries() throws Exception {
    String metrics =
        send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build()).body();
    double total = 0;
    Matcher m =
        Pattern.compile(
                "(?m)^mongodb_driver_commands_seconds_count\\{[^}]*collection=\"runs\"[^}]*} ([0-9.eE+]+)$")
            .matcher(metrics);
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + KEY)
        .build();
  }

  private HttpRequest post(String path, String json) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static double pct(List<Double> values, int percentile) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  /**
   * Median, min and max, and against a baseline the median of the paired ratios with min and max.
   */
  private static void report(String name, List<Double> values, List<Double> baseline) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                "BENCH %s: median %.0f ms, min %.0f, max %.0f (n=%d)",
                name, pct(values, 50), pct(values, 0), pct(values, 100), values.size()));
    if (baseline != null) {
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        ratios.add(values.get(i) / baseline.get(i));
      }
      line.append(
          String.format(
              "; against the static file: median ratio %.1f (min %.1f, max %.1f)",
              pct(ratios, 50), pct(ratios, 0), pct(ratios, 100)));
    }
    System.out.println(line);
  }
}
