package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ExecutorTest
class MirrorRunTest {

  @TempDir Path dir;
  KafkaRecorder recorder;

  @BeforeEach
  void record(TestInfrastructure infrastructure) {
    recorder = KafkaRecorder.record(infrastructure.bootstrapServers(), Topics.RUN_EVENTS);
  }

  @AfterEach
  void stop() {
    recorder.close();
  }

  static PlanSnapshot mirror(String planId, Path source, Path destination) {
    return new PlanSnapshot(
        planId,
        1,
        "mirror",
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
        Instant.now());
  }

  private void send(PlanSnapshot plan, String runId) {
    recorder.send(
        Topics.commands(Topics.DEFAULT_POOL),
        Envelope.wrap(
            new RunRequested(runId, RunTrigger.MANUAL, Instant.now(), null, false, plan),
            "test",
            Clock.systemUTC()));
  }

  private RunFinished run(PlanSnapshot plan, String runId) {
    send(plan, runId);
    return (RunFinished)
        recorder
            .awaitEnvelope(
                e -> runId.equals(e.runId()) && e.payload() instanceof RunFinished,
                Duration.ofSeconds(60))
            .payload();
  }

  @Test
  void mirrorMakesTheDestinationEqualToTheSourceAndReportsWhatChanged() throws Exception {
    Path source = dir.resolve("source");
    Path destination = dir.resolve("destination");
    FileTrees.write(source, 200, 4096, 1);
    PlanSnapshot plan = mirror(UUID.randomUUID().toString(), source, destination);

    RunFinished first = run(plan, UUID.randomUUID().toString());

    assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(destination)).isEqualTo(FileTrees.snapshot(source));
    assertThat(first.stats().filesAdded()).isEqualTo(200);

    Path deleted = Files.walk(source).filter(Files::isRegularFile).findFirst().orElseThrow();
    Files.delete(deleted);
    Path changed = Files.walk(source).filter(Files::isRegularFile).findFirst().orElseThrow();
    Files.writeString(changed, "changed content, a different size");
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);

    RunFinished second = run(plan, UUID.randomUUID().toString());

    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(destination)).isEqualTo(FileTrees.snapshot(source));
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    assertThat(second.stats().filesAdded()).isZero();
    assertThat(second.stats().filesModified()).isEqualTo(1);
    assertThat(second.stats().filesDeleted()).isEqualTo(1);
    assertThat(second.changes().deleted()).containsExactly(source.relativize(deleted).toString());
  }

  @Test
  void missingSourceFailsWithRclonesReason() {
    PlanSnapshot plan =
        mirror(UUID.randomUUID().toString(), dir.resolve("not-there"), dir.resolve("dst"));

    RunFinished finished = run(plan, UUID.randomUUID().toString());

    assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
    assertThat(finished.error().reason()).isEqualTo("DIRECTORY_NOT_FOUND");
    assertThat(finished.error().message()).contains("directory not found");
    assertThat(finished.error().exitCode()).isEqualTo(3);
  }

  @Test
  void aCommandDeliveredTwiceRunsOnce() {
    Path source = dir.resolve("once");
    FileTrees.write(source, 5, 100, 2);
    PlanSnapshot plan = mirror(UUID.randomUUID().toString(), source, dir.resolve("once-copy"));
    String runId = UUID.randomUUID().toString();

    run(plan, runId);
    send(plan, runId);
    // Commands of one plan share a partition: once a later run of the plan has finished, the
    // duplicate before it was consumed.
    run(plan, UUID.randomUUID().toString());

    List<Envelope<Message>> started =
        recorder.envelopes(e -> runId.equals(e.runId()) && e.type().equals("run.started"));
    assertThat(started).hasSize(1);
  }
}
