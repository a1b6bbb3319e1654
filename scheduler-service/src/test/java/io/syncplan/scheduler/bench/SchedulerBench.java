package io.syncplan.scheduler.bench;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.EnvelopeDeserializer;
import io.syncplan.contracts.message.EnvelopeSerializer;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.ScheduleType;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.schedule.ScheduleUpdated;
import io.syncplan.scheduler.schedule.PlanFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Drives a running scheduler as plan-service and a pool of executors would, and measures it.
 *
 * <ol>
 *   <li>Publishes {@code plans} plans, each firing every {@code period} minutes at its own second
 *       of the cycle (a CRON schedule), and times how long the scheduler takes to take them in.
 *   <li>Over one whole cycle, records each command's lateness: from its scheduled time to the time
 *       the scheduler's producer sent it (the record's timestamp).
 *   <li>Adds {@code burst} plans due in the same second every minute, and times how long each burst
 *       takes to drain, next to a plain producer sending the same commands (the baseline).
 * </ol>
 *
 * A simulated executor answers every command with a queued and a finished run event. The scheduler
 * process's resident memory is sampled throughout.
 */
public final class SchedulerBench {

  static final String POOL = "bench";
  static final String COMMANDS = Topics.commands(POOL);

  private final Map<String, String> options;
  private final String kafka;
  private final long pid;
  private final KafkaProducer<String, Envelope<?>> producer;
  private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
  private final Set<String> runIds = ConcurrentHashMap.newKeySet();
  private final AtomicLong duplicates = new AtomicLong();
  private final Map<String, Instant> nextFireAt = new ConcurrentHashMap<>();
  private final AtomicLong maxRssKb = new AtomicLong();
  private volatile boolean running = true;

  /** A command as the executors saw it. */
  record Sent(String planId, String runId, Instant scheduledAt, long sentAtMillis) {
    long latenessMillis() {
      return sentAtMillis - scheduledAt.toEpochMilli();
    }
  }

  private SchedulerBench(Map<String, String> options) {
    this.options = options;
    this.kafka = options.get("kafka");
    this.pid = Long.parseLong(options.get("pid"));
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka,
                ProducerConfig.LINGER_MS_CONFIG,
                10,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024),
            new StringSerializer(),
            new EnvelopeSerializer());
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      options.put(pair[0], pair[1]);
    }
    new SchedulerBench(options).run();
    System.exit(0);
  }

  private int option(String name, int fallback) {
    return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
  }

  private void run() throws Exception {
    int plans = option("plans", 100_000);
    int period = option("period-minutes", 5);
    int burst = option("burst", 10_000);
    int bursts = option("bursts", 5);
    createCommandTopic();
    startDaemon("rss", this::sampleRss);
    startDaemon("executor", this::simulateExecutor);
    startDaemon("schedule-events", this::followScheduleEvents);
    long idleRss = rssKb();
    report("Scheduler RSS before any plan: %d MiB", idleRss / 1024);

    // 1. Take the plans in.
    List<String> steady = new ArrayList<>();
    long started = System.nanoTime();
    List<PlanSnapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < plans; i++) {
      String id = "steady-" + i + "-" + UUID.randomUUID();
      steady.add(id);
      snapshots.add(plan(id, (i % 60) + " " + ((i / 60) % period) + "/" + period + " * * * *"));
    }
    publish(snapshots);
    double publishSeconds = seconds(started);
    waitUntil(Duration.ofMinutes(15), () -> scheduled(steady) == plans);
    report(
        "%d plans published in %.1f s and scheduled (next fire time published) after %.1f s",
        plans, publishSeconds, seconds(started));
    int hold = option("hold", 0);
    if (hold > 0) {
      report("Holding for %d s (scheduler pid %d)", hold, pid);
      sleep(hold * 1000L);
      running = false;
      return;
    }

    // 2. One whole cycle of the spread-out plans.
    Instant cycle = nextBoundary(Instant.now().plusSeconds(20), period);
    Instant cycleEnd = cycle.plus(Duration.ofMinutes(period));
    report("Measuring the cycle %s .. %s", cycle, cycleEnd);
    sleepUntil(cycleEnd.plusSeconds(10));
    List<Long> lateness = new ArrayList<>();
    Set<String> firedPlans = new java.util.HashSet<>();
    for (Sent command : sent) {
      if (command.planId().startsWith("steady-")
          && !command.scheduledAt().isBefore(cycle)
          && command.scheduledAt().isBefore(cycleEnd)) {
        lateness.add(command.latenessMillis());
        firedPlans.add(command.planId());
      }
    }
    report("Steady lateness over one cycle: %s", Percentiles.of(lateness));
    report("Plans fired in the cycle: %d of %d", firedPlans.size(), plans);
    long steadyRss = maxRssKb.get();

    // 3. Bursts: plans due in the same second, every minute.
    List<String> burstIds = new ArrayList<>();
    int second = (int) ((Instant.now().getEpochSecond() + 30) % 60);
    List<PlanSnapshot> burstPlans = new ArrayList<>();
    for (int i = 0; i < burst; i++) {
      String id = "burst-" + i + "-" + UUID.randomUUID();
      burstIds.add(id);
      burstPlans.add(plan(id, second + " * * * * *"));
    }
    publish(burstPlans);
    waitUntil(Duration.ofMinutes(5), () -> scheduled(burstIds) == burst);
    long[] drainMillis = new long[bursts];
    long[] rates = new long[bursts];
    for (int b = 0; b < bursts; b++) {
      Instant due = nextSecond(second);
      sleepUntil(due);
      waitUntil(Duration.ofMinutes(2), () -> burstSent(due).size() == burst);
      List<Sent> commands = burstSent(due);
      long last = commands.stream().mapToLong(Sent::sentAtMillis).max().orElseThrow();
      drainMillis[b] = last - due.toEpochMilli();
      rates[b] = Math.round(burst * 1000.0 / Math.max(1, drainMillis[b]));
      report(
          "Burst %d at %s: %d commands, last sent %d ms after the due second (%d commands/s), lateness %s",
          b + 1,
          due,
          commands.size(),
          drainMillis[b],
          rates[b],
          Percentiles.of(commands.stream().map(Sent::latenessMillis).toList()));
    }
    deletePlans(burstIds);
    long[] rawMillis = new long[bursts];
    for (int b = 0; b < bursts; b++) {
      rawMillis[b] =
          rawBaseline(
              burst,
              sent.stream().filter(c -> c.planId().startsWith("burst-")).findFirst().orElseThrow());
    }
    long medianDrain = Percentiles.median(drainMillis);
    long medianRaw = Percentiles.median(rawMillis);
    report(
        "Burst of %d: median drain %d ms (%d commands/s); plain producer baseline %d ms (%d"
            + " commands/s); scheduler / baseline time %.1fx",
        burst,
        medianDrain,
        Math.round(burst * 1000.0 / Math.max(1, medianDrain)),
        medianRaw,
        Math.round(burst * 1000.0 / Math.max(1, medianRaw)),
        (double) medianDrain / Math.max(1, medianRaw));
    report("Duplicate run ids seen by the executors: %d", duplicates.get());
    report(
        "Scheduler RSS: idle %d MiB, max over steady phase %d MiB, max overall %d MiB (VmHWM %d MiB)",
        idleRss / 1024, steadyRss / 1024, maxRssKb.get() / 1024, status("VmHWM") / 1024);
    reportMetrics(options.get("scheduler-url"));
    deletePlans(steady);
    running = false;
    producer.close();
  }

  static PlanSnapshot plan(String id, String cron) {
    return PlanFixtures.plan(
        id,
        1,
        new ScheduleSpec(ScheduleType.CRON, null, null, null, null, null, false, cron, "UTC", null),
        false,
        Instant.now(),
        POOL,
        Priority.NORMAL);
  }

  private void publish(List<PlanSnapshot> plans) throws Exception {
    Clock clock = Clock.systemUTC();
    List<Future<RecordMetadata>> futures = new ArrayList<>();
    for (PlanSnapshot plan : plans) {
      futures.add(
          producer.send(
              new ProducerRecord<>(
                  Topics.PLAN_EVENTS,
                  plan.id(),
                  Envelope.wrap(new PlanChanged(PlanChange.CREATED, plan), "bench", clock))));
    }
    for (Future<RecordMetadata> future : futures) {
      future.get();
    }
  }

  private void deletePlans(List<String> ids) throws Exception {
    List<Future<RecordMetadata>> futures = new ArrayList<>();
    for (String id : ids) {
      futures.add(producer.send(new ProducerRecord<>(Topics.PLAN_EVENTS, id, null)));
    }
    for (Future<RecordMetadata> future : futures) {
      future.get();
    }
  }

  private List<Sent> burstSent(Instant due) {
    return sent.stream()
        .filter(c -> c.planId().startsWith("burst-") && c.scheduledAt().equals(due))
        .toList();
  }

  private long scheduled(List<String> ids) {
    return ids.stream().filter(id -> nextFireAt.get(id) != null).count();
  }

  /** How long a plain producer takes to send {@code count} commands like the scheduler's. */
  private long rawBaseline(int count, Sent example) throws Exception {
    String topic = "syncplan.bench.raw";
    try (KafkaProducer<String, Envelope<?>> raw =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.LINGER_MS_CONFIG, 5),
            new StringSerializer(),
            new EnvelopeSerializer())) {
      PlanSnapshot plan = plan(example.planId(), "0 0 * * * *");
      raw.send(
              new ProducerRecord<>(
                  topic,
                  "warm-up",
                  Envelope.wrap(command(plan, "warm"), "bench", Clock.systemUTC())))
          .get();
      long started = System.nanoTime();
      List<Future<RecordMetadata>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        RunRequested command = command(plan, "raw-" + i);
        futures.add(
            raw.send(
                new ProducerRecord<>(
                    topic, plan.id(), Envelope.wrap(command, "bench", Clock.systemUTC()))));
      }
      for (Future<RecordMetadata> future : futures) {
        future.get();
      }
      long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
      report("Plain producer, %d commands: %d ms", count, millis);
      return millis;
    }
  }

  private static RunRequested command(PlanSnapshot plan, String runId) {
    return new RunRequested(
        runId, io.syncplan.contracts.run.RunTrigger.SCHEDULE, Instant.now(), null, false, plan);
  }

  private void simulateExecutor() {
    try (KafkaConsumer<String, Envelope<Message>> consumer = consumer("bench-executor")) {
      consumer.subscribe(List.of(COMMANDS));
      Clock clock = Clock.systemUTC();
      while (running) {
        for (ConsumerRecord<String, Envelope<Message>> record :
            consumer.poll(Duration.ofMillis(100))) {
          if (record.value() != null && record.value().payload() instanceof RunRequested command) {
            sent.add(
                new Sent(
                    command.planId(), command.runId(), command.scheduledAt(), record.timestamp()));
            if (!runIds.add(command.runId())) {
              duplicates.incrementAndGet();
            }
            Instant now = clock.instant();
            producer.send(
                new ProducerRecord<>(
                    Topics.RUN_EVENTS,
                    command.planId(),
                    Envelope.wrap(
                        new RunQueued(
                            command.runId(),
                            command.planId(),
                            command.trigger(),
                            command.scheduledAt(),
                            command.priority(),
                            false),
                        "bench-executor",
                        clock)));
            producer.send(
                new ProducerRecord<>(
                    Topics.RUN_EVENTS,
                    command.planId(),
                    Envelope.wrap(
                        new RunFinished(
                            command.runId(),
                            command.planId(),
                            RunStatus.SUCCEEDED,
                            now,
                            now,
                            1,
                            false,
                            null,
                            null,
                            null),
                        "bench-executor",
                        clock)));
          }
        }
      }
    }
  }

  private void followScheduleEvents() {
    try (KafkaConsumer<String, Envelope<Message>> consumer = consumer("bench-schedules")) {
      consumer.subscribe(List.of(Topics.SCHEDULE_EVENTS));
      while (running) {
        for (ConsumerRecord<String, Envelope<Message>> record :
            consumer.poll(Duration.ofMillis(200))) {
          if (record.value() != null
              && record.value().payload() instanceof ScheduleUpdated update) {
            if (update.nextFireAt() == null) {
              nextFireAt.remove(update.planId());
            } else {
              nextFireAt.put(update.planId(), update.nextFireAt());
            }
          }
        }
      }
    }
  }

  private KafkaConsumer<String, Envelope<Message>> consumer(String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka,
            ConsumerConfig.GROUP_ID_CONFIG,
            group + "-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "latest",
            ConsumerConfig.METADATA_MAX_AGE_CONFIG,
            1000,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            2000),
        new StringDeserializer(),
        new EnvelopeDeserializer());
  }

  private void createCommandTopic() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
      if (!admin.listTopics().names().get().contains(COMMANDS)) {
        admin.createTopics(List.of(new NewTopic(COMMANDS, 6, (short) 1))).all().get();
      }
    }
  }

  private void sampleRss() {
    while (running) {
      maxRssKb.accumulateAndGet(rssKb(), Math::max);
      sleep(500);
    }
  }

  private long rssKb() {
    return status("VmRSS");
  }

  private long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // the process is gone
    }
    return 0;
  }

  private void reportMetrics(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
    for (String line : response.body().split("\n")) {
      if (line.startsWith("syncplan_scheduler_")
          && !line.contains("_bucket{")
          && !line.startsWith("#")) {
        report("  %s", line);
      } else if (line.startsWith("syncplan_scheduler_lateness_seconds_bucket{")
          && (line.contains("le=\"1.0\"") || line.contains("le=\"+Inf\""))
          && line.contains("on_time")) {
        report("  %s", line);
      }
    }
  }

  private static Instant nextBoundary(Instant after, int periodMinutes) {
    long period = periodMinutes * 60L;
    return Instant.ofEpochSecond((after.getEpochSecond() / period + 1) * period);
  }

  private static Instant nextSecond(int second) {
    long now = Instant.now().getEpochSecond() + 2;
    long minute = now / 60 * 60;
    Instant candidate = Instant.ofEpochSecond(minute + second);
    return candidate.getEpochSecond() > now ? candidate : candidate.plusSeconds(60);
  }

  private static void waitUntil(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout);
      }
      sleep(100);
    }
  }

  private static void sleepUntil(Instant instant) {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      sleep(millis);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private void startDaemon(String name, Runnable task) {
    Thread thread = new Thread(task, "bench-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void report(String format, Object... args) {
    System.out.printf("[bench] " + format + "%n", args);
  }
}
