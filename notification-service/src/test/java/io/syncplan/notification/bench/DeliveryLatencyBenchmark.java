package io.syncplan.notification.bench;

import com.sun.net.httpserver.HttpServer;
import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.EnvelopeDeserializer;
import io.syncplan.contracts.message.EnvelopeSerializer;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageCodec;
import io.syncplan.contracts.plan.WebhookFormat;
import io.syncplan.contracts.plan.WebhookTarget;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.embedded.EmbeddedMongo;
import io.syncplan.embedded.KafkaBroker;
import io.syncplan.notification.Fixtures;
import io.syncplan.notification.NotificationServiceApplication;
import io.syncplan.notification.rule.PlanRulesStore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * How long a finished run takes to reach its webhook: from the run event being published to the
 * receiver having the POST, at a steady rate, on loopback, with a real broker and MongoDB wire
 * protocol. Beside it, in the same run and on the same events, the floor: a bare Kafka consumer
 * that POSTs each event straight on (asynchronously), with no claim, no delivery log, no signature.
 *
 * <p>Run with {@code bench/notifications-latency.sh [events-per-second] [seconds]}.
 */
public final class DeliveryLatencyBenchmark {

  private static final int PLANS = 20;
  private static final int WARM_UP_EVENTS = 1000;

  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, Long> serviceReceivedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> baselineReceivedAt = new ConcurrentHashMap<>();
  private final AtomicInteger duplicates = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    new DeliveryLatencyBenchmark().run(rate, seconds);
    System.exit(0);
  }

  private void run(int rate, int seconds) throws Exception {
    Path kafkaDir = Files.createTempDirectory("notifications-bench-kafka");
    String key = SecretCipher.generateKey();
    try (KafkaBroker kafka = KafkaBroker.start(kafkaDir, "127.0.0.1", 0);
        EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1", 0)) {
      HttpServer receiver = receiver();
      String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
      ConfigurableApplicationContext service =
          NotificationServiceApplication.application()
              .run(
                  "--server.port=0",
                  "--spring.main.banner-mode=off",
                  "--logging.level.root=WARN",
                  "--logging.level.io.syncplan=WARN",
                  "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                  "--spring.mongodb.uri=" + mongo.connectionString(),
                  "--spring.mongodb.database=notifications-bench",
                  "--syncplan.secrets.key=" + key,
                  "--syncplan.network.allow=127.0.0.1",
                  "--syncplan.notifications.delivery.sweep-interval="
                      + System.getProperty("sweep", "5s"));
      AtomicBoolean running = new AtomicBoolean(true);
      Thread baseline = new Thread(() -> baseline(kafka.bootstrapServers(), base, running));
      baseline.start();
      try (KafkaProducer<String, Envelope<?>> producer = producer(kafka.bootstrapServers())) {
        SecretCipher cipher = new SecretCipher(key);
        List<String> planIds = new ArrayList<>();
        for (int i = 0; i < PLANS; i++) {
          String planId = UUID.randomUUID().toString();
          planIds.add(planId);
          String url = base + "/service/" + i;
          WebhookTarget webhook =
              WebhookTarget.sealed(
                  url,
                  cipher.seal(url, SecretContext.webhookUrl(planId)),
                  null,
                  WebhookFormat.JSON,
                  null,
                  cipher.seal("secret-" + i, SecretContext.webhookSecret(planId)));
          producer
              .send(
                  new ProducerRecord<>(
                      Topics.PLAN_EVENTS,
                      planId,
                      Fixtures.envelope(Fixtures.planWithWebhooks(planId, webhook))))
              .get();
        }
        PlanRulesStore rules = service.getBean(PlanRulesStore.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!planIds.stream().allMatch(id -> rules.find(id).block() != null)) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("plans were not picked up");
          }
          LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        System.out.printf(Locale.ROOT, "warming up: %d events at %d/s%n", WARM_UP_EVENTS, rate);
        List<String> warmUp = publish(producer, planIds, rate, WARM_UP_EVENTS);
        awaitAll(warmUp, Duration.ofSeconds(60));
        warmUp.forEach(
            id -> {
              sentAt.remove(id);
              serviceReceivedAt.remove(id);
              baselineReceivedAt.remove(id);
            });
        int events = rate * seconds;
        System.out.printf(Locale.ROOT, "measuring: %d events at %d/s%n", events, rate);
        List<String> measured = publish(producer, planIds, rate, events);
        boolean complete = awaitAll(measured, Duration.ofSeconds(120));
        report(measured, complete, rate);
        stages(service, measured);
      } finally {
        running.set(false);
        baseline.join(10_000);
        service.close();
        receiver.stop(0);
      }
    }
  }

  /** Publishes succeeded-run events at a steady rate, round-robin over the plans. */
  private List<String> publish(
      KafkaProducer<String, Envelope<?>> producer, List<String> planIds, int rate, int count) {
    List<String> ids = new ArrayList<>(count);
    long interval = 1_000_000_000L / rate;
    long next = System.nanoTime();
    for (int i = 0; i < count; i++) {
      String planId = planIds.get(i % planIds.size());
      RunFinished finished =
          Fixtures.succeeded(
              planId, UUID.randomUUID().toString(), new RunStats(1, 2, 0, 0, 4096, 10, 0));
      Envelope<RunFinished> envelope = Fixtures.envelope(finished);
      String eventId = envelope.eventId().toString();
      ids.add(eventId);
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      sentAt.put(eventId, System.nanoTime());
      producer.send(new ProducerRecord<>(Topics.RUN_EVENTS, planId, envelope));
      next += interval;
    }
    producer.flush();
    return ids;
  }

  private boolean awaitAll(List<String> ids, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ids.stream()
          .allMatch(
              id -> serviceReceivedAt.containsKey(id) && baselineReceivedAt.containsKey(id))) {
        return true;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    return false;
  }

  private HttpServer receiver() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext(
        "/",
        exchange -> {
          long now = System.nanoTime();
          exchange.getRequestBody().readAllBytes();
          String eventId = exchange.getRequestHeaders().getFirst("Idempotency-Key");
          Map<String, Long> target =
              exchange.getRequestURI().getPath().startsWith("/baseline")
                  ? baselineReceivedAt
                  : serviceReceivedAt;
          if (eventId != null && target.putIfAbsent(eventId, now) != null) {
            duplicates.incrementAndGet();
          }
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    return server;
  }

  /** The floor: consume the run events and POST each one on at once, nothing else. */
  private void baseline(String bootstrap, String base, AtomicBoolean running) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // POSTs run on a pool of their own, so one slow POST does not hold up the ones behind it.
    // (sendAsync would complete each exchange on a new thread: on 2 cores the JDK's default async
    // pool is a thread per task, thousands a minute, which would tax the service measured beside.)
    ExecutorService posts = Executors.newFixedThreadPool(8);
    try (KafkaConsumer<String, Envelope<Message>> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new EnvelopeDeserializer())) {
      consumer.subscribe(List.of(Topics.RUN_EVENTS));
      while (running.get()) {
        for (ConsumerRecord<String, Envelope<Message>> record :
            consumer.poll(Duration.ofMillis(100))) {
          Envelope<Message> envelope = record.value();
          if (envelope == null || !(envelope.payload() instanceof RunFinished)) {
            continue;
          }
          HttpRequest request =
              HttpRequest.newBuilder(URI.create(base + "/baseline"))
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", envelope.eventId().toString())
                  .POST(HttpRequest.BodyPublishers.ofString(MessageCodec.shared().toJson(envelope)))
                  .build();
          posts.execute(
              () -> {
                try {
                  http.send(request, HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                  System.err.println("baseline POST failed: " + e);
                }
              });
        }
      }
    } finally {
      posts.shutdownNow();
    }
  }

  private void report(List<String> ids, boolean complete, int rate) {
    List<Double> service = latencies(ids, serviceReceivedAt);
    List<Double> floor = latencies(ids, baselineReceivedAt);
    System.out.printf(
        Locale.ROOT,
        "%nrate %d events/s, %d events, all delivered: %s, duplicates: %d%n",
        rate,
        ids.size(),
        complete,
        duplicates.get());
    System.out.printf(
        Locale.ROOT,
        "%-34s %9s %9s %9s %9s %9s%n",
        "completion event -> webhook (ms)",
        "n",
        "p50",
        "p90",
        "p99",
        "max");
    line("notification-service", service);
    line("baseline: bare consumer + POST", floor);
    System.out.printf(
        Locale.ROOT,
        "ratio service/baseline: p50 %.2f, p99 %.2f%n",
        percentile(service, 50) / percentile(floor, 50),
        percentile(service, 99) / percentile(floor, 99));
    System.out.printf(
        Locale.ROOT,
        "target p99 <= 500 ms: %s%n",
        percentile(service, 99) <= 500 ? "met" : "NOT met");
  }

  /** Where the time goes: event to claim, and claim to delivered, from the delivery log. */
  private static void stages(ConfigurableApplicationContext service, List<String> ids) {
    ReactiveMongoTemplate mongo = service.getBean(ReactiveMongoTemplate.class);
    List<Double> toClaim = new ArrayList<>();
    List<Double> toDelivered = new ArrayList<>();
    for (org.bson.Document delivery :
        mongo
            .getCollection("deliveries")
            .flatMapMany(
                c ->
                    reactor.core.publisher.Flux.from(
                        c.find(
                            new org.bson.Document("eventId", new org.bson.Document("$in", ids)))))
            .collectList()
            .block()) {
      java.util.Date occurred =
          ((org.bson.Document) delivery.get("notification")).getDate("occurredAt");
      java.util.Date claimed = delivery.getDate("createdAt");
      java.util.Date delivered = delivery.getDate("deliveredAt");
      toClaim.add((double) (claimed.getTime() - occurred.getTime()));
      if (delivered != null) {
        toDelivered.add((double) (delivered.getTime() - claimed.getTime()));
      }
    }
    Collections.sort(toClaim);
    Collections.sort(toDelivered);
    line("  of which: event -> claimed", toClaim);
    line("  of which: claimed -> delivered", toDelivered);
  }

  private List<Double> latencies(List<String> ids, Map<String, Long> receivedAt) {
    List<Double> latencies = new ArrayList<>();
    for (String id : ids) {
      Long received = receivedAt.get(id);
      Long sent = sentAt.get(id);
      if (received != null && sent != null) {
        latencies.add((received - sent) / 1_000_000.0);
      }
    }
    Collections.sort(latencies);
    return latencies;
  }

  private static void line(String name, List<Double> values) {
    System.out.printf(
        Locale.ROOT,
        "%-34s %9d %9.1f %9.1f %9.1f %9.1f%n",
        name,
        values.size(),
        percentile(values, 50),
        percentile(values, 90),
        percentile(values, 99),
        values.isEmpty() ? Double.NaN : values.get(values.size() - 1));
  }

  private static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static KafkaProducer<String, Envelope<?>> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0),
        new StringSerializer(),
        new EnvelopeSerializer());
  }
}
