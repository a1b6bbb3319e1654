package io.syncplan.executor;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.CancelRequested;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.signature.SigningKeys;
import io.syncplan.support.SigningEnvelopeSerializer;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.SyncplanInfrastructureExtension;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Drives executors the way the other services do: commands on a pool's command topic, answers read
 * from the run-events and executor-results topics like a subscriber. One per test JVM: its
 * subscriber and producer stay connected, so a test pays for neither; tests tell their runs apart
 * by their ids.
 */
public final class RunDriver implements AutoCloseable {

  public static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

  private static RunDriver shared;

  private final KafkaRecorder recorder;
  private final KafkaProducer<String, Envelope<?>> producer;

  private RunDriver(TestInfrastructure infrastructure) {
    createTopics(infrastructure.bootstrapServers());
    this.recorder =
        KafkaRecorder.record(
            infrastructure.bootstrapServers(), Topics.RUN_EVENTS, Topics.EXECUTOR_RESULTS);
    this.producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()),
            new StringSerializer(),
            new SigningEnvelopeSerializer(
                SigningKeys.privateKey(SyncplanInfrastructureExtension.TEST_SIGNING_PRIVATE_KEY)));
  }

  /**
   * The topics it reads exist before it subscribes: a consumer would otherwise not see them for
   * minutes (until its metadata refresh) when no executor created them yet.
   */
  private static void createTopics(String bootstrapServers) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          List.of(Topics.RUN_EVENTS, Topics.EXECUTOR_RESULTS).stream()
              .filter(topic -> !existing.contains(topic))
              .map(topic -> new NewTopic(topic, 6, (short) 1))
              .toList();
      admin.createTopics(missing).all().get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the topics the tests read", e);
    }
  }

  public static synchronized RunDriver of(TestInfrastructure infrastructure) {
    if (shared == null) {
      shared = new RunDriver(infrastructure);
    }
    return shared;
  }

  public KafkaRecorder recorder() {
    return recorder;
  }

  /** Sends a command to the command topic of its plan's pool. */
  public void send(Message command, String pool) {
    send(command, pool, Map.of());
  }

  /** Sends a command with record headers, such as the trace context of its sender. */
  public void send(Message command, String pool, Map<String, String> headers) {
    Envelope<Message> envelope = Envelope.wrap(command, "test", Clock.systemUTC());
    ProducerRecord<String, Envelope<?>> record =
        new ProducerRecord<>(Topics.commands(pool), envelope.planId(), envelope);
    headers.forEach(
        (name, value) ->
            record.headers().add(name, value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    try {
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send " + envelope.type(), e);
    }
  }

  public String request(PlanSnapshot plan) {
    return request(plan, false, null, RunTrigger.MANUAL);
  }

  public String request(PlanSnapshot plan, boolean dryRun, Priority priority, RunTrigger trigger) {
    String runId = "run-" + UUID.randomUUID();
    send(new RunRequested(runId, trigger, Instant.now(), priority, dryRun, plan), plan.pool());
    return runId;
  }

  public void cancel(PlanSnapshot plan, String runId) {
    send(new CancelRequested(runId, plan.id()), plan.pool());
  }

  public RunFinished awaitFinished(String runId) {
    return (RunFinished)
        recorder
            .awaitEnvelope(
                e -> runId.equals(e.runId()) && e.payload() instanceof RunFinished, RUN_TIMEOUT)
            .payload();
  }

  /** Runs the plan now and waits for its outcome. */
  public RunFinished run(PlanSnapshot plan) {
    return awaitFinished(request(plan));
  }

  public RunFinished dryRun(PlanSnapshot plan) {
    return awaitFinished(request(plan, true, null, RunTrigger.MANUAL));
  }

  /** Every event of a run so far on the run events topic, in order. */
  public List<Envelope<Message>> events(String runId) {
    return recorder.records().stream()
        .filter(record -> record.topic().equals(Topics.RUN_EVENTS))
        .map(record -> record.value())
        .filter(envelope -> envelope != null && runId.equals(envelope.runId()))
        .toList();
  }

  public <T extends Message> T awaitResult(Class<T> type, java.util.function.Predicate<T> match) {
    return type.cast(
        recorder
            .awaitEnvelope(
                e -> type.isInstance(e.payload()) && match.test(type.cast(e.payload())),
                RUN_TIMEOUT)
            .payload());
  }

  /** Stays open for the next test class; the JVM's end closes it. */
  @Override
  public void close() {}
}
