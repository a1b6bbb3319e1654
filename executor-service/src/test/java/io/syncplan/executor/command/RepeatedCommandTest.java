package io.syncplan.executor.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunHeld;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run command for a run the ledger already holds (a redelivery, or plan-service asking after a
 * run it has heard nothing of) never starts the run again: it is answered with where the run
 * stands, and a finished run's answer carries its outcome as it was published.
 */
@ExecutorTest
class RepeatedCommandTest {

  @TempDir Path dir;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  private java.util.List<RunHeld> finishedAnswers(String runId) {
    return runs.recorder().envelopes().stream()
        .map(envelope -> envelope.payload())
        .filter(
            payload ->
                payload instanceof RunHeld held
                    && held.runId().equals(runId)
                    && held.state() == RunHeld.State.FINISHED)
        .map(RunHeld.class::cast)
        .toList();
  }

  @Test
  void aRunningRunAskedAfterIsAnsweredRunningAndAFinishedOneWithItsOutcome() {
    Path source = dir.resolve("source");
    TestFiles.sized(source.resolve("big.bin"), ExecutorTest.SLOW_FILE_BYTES / 2, 7);
    PlanSnapshot plan = TestPlans.between(source, dir.resolve("destination")).build();
    RunRequested command =
        new RunRequested(
            "asked-" + UUID.randomUUID(), RunTrigger.MANUAL, Instant.now(), null, false, plan);
    runs.send(command, plan.pool());
    runs.awaitResult(RunStarted.class, started -> started.runId().equals(command.runId()));

    runs.send(command, plan.pool());
    RunHeld running = runs.awaitResult(RunHeld.class, held -> held.runId().equals(command.runId()));
    assertThat(running.state()).isEqualTo(RunHeld.State.RUNNING);
    assertThat(running.executorId()).isEqualTo("test-executor");

    RunFinished finished = runs.awaitFinished(command.runId());
    assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
    // The outcome is published before the ledger marks the run finished: asked until it has.
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              runs.send(command, plan.pool());
              return !finishedAnswers(command.runId()).isEmpty();
            });
    RunHeld done = finishedAnswers(command.runId()).get(0);
    // As published, to the millisecond MongoDB keeps.
    assertThat(done.outcome())
        .usingRecursiveComparison()
        .ignoringFields("startedAt", "finishedAt")
        .isEqualTo(finished);
    assertThat(done.outcome().finishedAt())
        .isCloseTo(finished.finishedAt(), within(1, ChronoUnit.MILLIS));

    assertThat(runs.events(command.runId()))
        .filteredOn(event -> event.payload() instanceof RunStarted)
        .hasSize(1);
    assertThat(runs.events(command.runId()))
        .filteredOn(event -> event.payload() instanceof RunFinished)
        .hasSize(1);
    assertThat(FileTrees.snapshot(dir.resolve("destination")))
        .isEqualTo(FileTrees.snapshot(source));
  }
}
