package io.syncplan.executor.bench;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.signature.SigningKeys;
import io.syncplan.embedded.EmbeddedMongo;
import io.syncplan.embedded.KafkaBroker;
import io.syncplan.support.SigningEnvelopeSerializer;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.SyncplanInfrastructureExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The executor's resident memory while it runs two runs at once: the executor-service jar alone in
 * its own JVM (with the JVM options given), against a Kafka broker and MongoDB started here; two
 * MIRROR runs of a 10,000-file tree each, sampled every 20 ms from the start of the first run to
 * the end of the last, beside the same JVM idle before the runs.
 *
 * <p>Usage: {@code MemoryBenchmark <executor-service.jar> [java options...]}.
 */
public final class MemoryBenchmark {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    List<String> javaOptions = List.of(args).subList(1, args.length);
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "syncplan-executor-memory-bench");
    Bench.deleteTree(work);
    Path source = work.resolve("source");
    FileTrees.write(source, 10_000, 11_800, 8);

    try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), "127.0.0.1", 0);
        EmbeddedMongo mongo = EmbeddedMongo.inMemory("127.0.0.1", 0);
        RunEventsSubscriber events =
            new RunEventsSubscriber(kafka.bootstrapServers(), List.of(Topics.RUN_EVENTS))) {
      List<String> command = new ArrayList<>();
      command.add("java");
      command.addAll(javaOptions);
      command.addAll(
          List.of(
              "-jar",
              jar.toString(),
              "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
              "--spring.mongodb.uri=" + mongo.connectionString(),
              "--syncplan.secrets.key=" + SyncplanInfrastructureExtension.TEST_SECRETS_KEY,
              "--syncplan.executor.local-roots=" + SyncplanInfrastructureExtension.TEST_LOCAL_ROOTS,
              "--syncplan.command-signing.trusted-keys="
                  + SyncplanInfrastructureExtension.TEST_SIGNING_PUBLIC_KEY,
              "--server.port=0",
              "--syncplan.executor.id=memory-bench",
              "--syncplan.executor.work-dir=" + work.resolve("executor")));
      Path log = work.resolve("executor.log");
      Process executor =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        Bench.awaitLog(executor, log, "Started ExecutorServiceApplication", Duration.ofMinutes(3));
        events.awaitAssignment();
        measure(executor, kafka.bootstrapServers(), source, work, events, javaOptions);
      } finally {
        executor.destroy();
        executor.waitFor();
      }
    }
  }

  private static void measure(
      Process executor,
      String bootstrap,
      Path source,
      Path work,
      RunEventsSubscriber events,
      List<String> javaOptions)
      throws Exception {
    // A first run warms the JVM up, as it would be after its first hour of work.
    String warm = send(bootstrap, plan(source, work.resolve("warm")));
    events.awaitOutcome(warm, TIMEOUT);
    long idle = 0;
    for (int i = 0; i < 50; i++) {
      idle = Math.max(idle, Bench.rss(executor.toHandle()));
      Thread.sleep(20);
    }

    String first = send(bootstrap, plan(source, work.resolve("one")));
    String second = send(bootstrap, plan(source, work.resolve("two")));
    events.await(first, "run.started", TIMEOUT);
    events.await(second, "run.started", TIMEOUT);
    long peak = 0;
    long peakWithRclone = 0;
    int samplesWithBothRunning = 0;
    while (!events.isDone(first) || !events.isDone(second)) {
      long jvm = Bench.rss(executor.toHandle());
      long children = executor.descendants().mapToLong(Bench::rss).sum();
      peak = Math.max(peak, jvm);
      peakWithRclone = Math.max(peakWithRclone, jvm + children);
      if (executor.descendants().count() >= 2) {
        samplesWithBothRunning++;
      }
      Thread.sleep(20);
    }
    events.awaitOutcome(first, TIMEOUT);
    events.awaitOutcome(second, TIMEOUT);

    System.out.printf("%n## Executor memory, JVM options %s%n", javaOptions);
    System.out.println("| | resident memory |");
    System.out.println("|---|---|");
    System.out.printf("| executor JVM, idle after one run | %d MiB |%n", idle >> 20);
    System.out.printf("| executor JVM, peak while running 2 runs at once | %d MiB |%n", peak >> 20);
    System.out.printf(
        "| executor JVM and its 2 rclone processes, peak | %d MiB |%n", peakWithRclone >> 20);
    System.out.printf("(%d samples with both rclone processes running)%n", samplesWithBothRunning);
  }

  private static PlanSnapshot plan(Path source, Path destination) {
    return new PlanSnapshot(
        "memory-bench-" + UUID.randomUUID(),
        1,
        "memory bench",
        null,
        List.of(),
        Endpoint.local(source.toString()),
        Endpoint.local(destination.toString()),
        SyncMode.MIRROR,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        false,
        Instant.now(),
        null,
        null,
        null,
        null);
  }

  private static String send(String bootstrap, PlanSnapshot plan) throws Exception {
    RunRequested command =
        new RunRequested(
            "run-" + UUID.randomUUID(), RunTrigger.MANUAL, Instant.now(), null, false, plan);
    try (KafkaProducer<String, Envelope<?>> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new SigningEnvelopeSerializer(
                SigningKeys.privateKey(
                    SyncplanInfrastructureExtension.TEST_SIGNING_PRIVATE_KEY)))) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.commands(Topics.DEFAULT_POOL),
                  plan.id(),
                  Envelope.wrap(command, "bench", Clock.systemUTC())))
          .get();
    }
    return command.runId();
  }
}
