package io.syncplan.executor.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.message.MessageCodec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.signature.CommandSignatures;
import io.syncplan.contracts.signature.SigningKeys;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.SyncplanInfrastructureExtension;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A record on the command topic runs only with a signature of plan-service's or the scheduler's
 * key: one without, with another key's, with a signature copied from another command, or moved from
 * another pool's topic is refused, logged and parked on the dead-letter topic; its plan never runs.
 * The same command, signed, runs.
 */
@ExecutorTest
@ExtendWith(OutputCaptureExtension.class)
class ForgedCommandTest {

  private static final String TOPIC = Topics.commands(Topics.DEFAULT_POOL);
  private static final PrivateKey TRUSTED =
      SigningKeys.privateKey(SyncplanInfrastructureExtension.TEST_SIGNING_PRIVATE_KEY);

  @TempDir Path dir;
  RunDriver runs;
  KafkaRecorder deadLetters;
  KafkaProducer<String, byte[]> producer;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    deadLetters = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.deadLetter(TOPIC));
    producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer());
    FileTrees.writeFile(dir.resolve("source"), "a.txt", "a");
  }

  @AfterEach
  void tearDown() {
    deadLetters.close();
    producer.close();
  }

  @Test
  void anUnsignedCommandIsRefusedLoggedAndNeverRuns(CapturedOutput output) throws Exception {
    RunRequested command = command();

    send(TOPIC, command, null);

    assertRefused(command);
    assertThat(output.getAll())
        .contains("Refused a record on " + TOPIC + ": it carries no signature");
  }

  @Test
  void aCommandSignedWithAnotherKeyIsRefused(CapturedOutput output) throws Exception {
    RunRequested command = command();
    byte[] value = encode(command);

    send(TOPIC, value, CommandSignatures.sign(SigningKeys.generate().getPrivate(), TOPIC, value));

    assertRefused(command);
    assertThat(output.getAll()).contains("no trusted key verifies its signature");
  }

  @Test
  void aSignatureCopiedOntoAnotherCommandIsRefused() throws Exception {
    byte[] genuine = encode(command());
    RunRequested forged = command();

    send(TOPIC, encode(forged), CommandSignatures.sign(TRUSTED, TOPIC, genuine));

    assertRefused(forged);
  }

  @Test
  void aCommandSignedForAnotherPoolIsRefusedOnThisPoolsTopic() throws Exception {
    RunRequested command = command();
    byte[] value = encode(command);

    send(TOPIC, value, CommandSignatures.sign(TRUSTED, Topics.commands("laptop-7"), value));

    assertRefused(command);
  }

  @Test
  void theSameCommandSignedWithTheTrustedKeyRuns() throws Exception {
    RunRequested command = command();
    byte[] value = encode(command);

    send(TOPIC, value, CommandSignatures.sign(TRUSTED, TOPIC, value));

    assertThat(runs.awaitFinished(command.runId()).status().name()).isEqualTo("SUCCEEDED");
    assertThat(dir.resolve("copy/a.txt")).exists();
  }

  private RunRequested command() {
    PlanSnapshot plan =
        TestPlans.between(dir.resolve("source"), dir.resolve("copy")).mode(SyncMode.COPY).build();
    return new RunRequested(
        "run-" + UUID.randomUUID(), RunTrigger.MANUAL, Instant.now(), null, false, plan);
  }

  /** Parked on the dead-letter topic, never queued, its plan never run. */
  private void assertRefused(RunRequested command) {
    deadLetters.awaitEnvelope(
        envelope -> command.runId().equals(envelope.runId()), Duration.ofSeconds(30));
    assertThat(
            runs.recorder()
                .envelopes(
                    envelope ->
                        command.runId().equals(envelope.runId())
                            && envelope.payload() instanceof RunQueued))
        .isEmpty();
    assertThat(dir.resolve("copy")).doesNotExist();
  }

  private static byte[] encode(Message command) {
    return MessageCodec.shared().encode(Envelope.wrap(command, "forger", Clock.systemUTC()));
  }

  private void send(String topic, RunRequested command, byte[] signature) throws Exception {
    send(topic, encode(command), signature);
  }

  private void send(String topic, byte[] value, byte[] signature) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "plan", value);
    if (signature != null) {
      record.headers().add(CommandSignatures.HEADER, signature);
    }
    producer.send(record).get();
  }
}
