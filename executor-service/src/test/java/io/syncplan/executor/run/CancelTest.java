package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cancel kills rclone and everything it started; a waiting run ends without starting. */
@ExecutorTest
class CancelTest {

  @TempDir Path dir;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  @Test
  void cancellingARunningRunKillsItsRcloneAndEndsItCancelledAfterReportingProgress() {
    Path source = dir.resolve("big");
    TestFiles.sized(source.resolve("one.bin"), ExecutorTest.SLOW_FILE_BYTES / 2, 41);
    TestFiles.sized(source.resolve("two.bin"), ExecutorTest.SLOW_FILE_BYTES / 2, 42);
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    PlanSnapshot plan = TestPlans.between(source, dir.resolve("copy")).build();

    String runId = runs.request(plan);
    List<Envelope<Message>> progress =
        runs.recorder()
            .awaitEnvelopes(
                e -> runId.equals(e.runId()) && e.payload() instanceof RunProgress,
                2,
                RunDriver.RUN_TIMEOUT);
    List<ProcessHandle> rclone = rcloneProcessesFor(source);
    assertThat(rclone).isNotEmpty();
    runs.cancel(plan, runId);
    RunFinished finished = runs.awaitFinished(runId);

    assertThat(finished.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(finished.error().reason()).isEqualTo("CANCELLED");
    assertThat(finished.stats().bytesTransferred()).isPositive();
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> rclone.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    RunProgress first = (RunProgress) progress.get(0).payload();
    RunProgress second = (RunProgress) progress.get(1).payload();
    assertThat(first.bytesTotal()).isEqualTo(ExecutorTest.SLOW_FILE_BYTES / 2 * 2L);
    assertThat(first.filesTotal()).isEqualTo(2);
    assertThat(second.bytesDone()).isGreaterThan(first.bytesDone());
    assertThat(second.speedBytesPerSecond()).isPositive();
    assertThat(second.etaSeconds()).isNotNull();
    assertThat(Duration.between(progress.get(0).occurredAt(), progress.get(1).occurredAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void cancellingAWaitingRunEndsItWithoutEverStartingIt() {
    // Both slots of the executor are taken by slow runs.
    List<PlanSnapshot> busy = List.of(slowPlan("busy-1", 42), slowPlan("busy-2", 43));
    List<String> busyRuns = busy.stream().map(runs::request).toList();
    for (String runId : busyRuns) {
      runs.recorder()
          .awaitEnvelope(
              e -> runId.equals(e.runId()) && e.payload() instanceof RunStarted,
              RunDriver.RUN_TIMEOUT);
    }
    FileTrees.writeFile(dir.resolve("small"), "a.txt", "a");
    PlanSnapshot waiting =
        TestPlans.between(dir.resolve("small"), dir.resolve("small-copy")).build();
    String waitingRun = runs.request(waiting);
    runs.recorder()
        .awaitEnvelope(
            e -> waitingRun.equals(e.runId()) && e.type().equals("run.queued"),
            RunDriver.RUN_TIMEOUT);

    runs.cancel(waiting, waitingRun);
    RunFinished cancelled = runs.awaitFinished(waitingRun);
    for (int i = 0; i < busy.size(); i++) {
      runs.cancel(busy.get(i), busyRuns.get(i));
    }
    busyRuns.forEach(runs::awaitFinished);

    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.attempts()).isZero();
    assertThat(runs.events(waitingRun))
        .extracting(Envelope::type)
        .containsExactly("run.queued", "run.cancelled");
    assertThat(dir.resolve("small-copy")).doesNotExist();
  }

  private PlanSnapshot slowPlan(String name, long seed) {
    Path source = dir.resolve(name);
    TestFiles.sized(source.resolve("slow.bin"), ExecutorTest.SLOW_FILE_BYTES, seed);
    return TestPlans.between(source, dir.resolve(name + "-copy")).build();
  }

  /** The rclone processes this JVM started for a source folder. */
  static List<ProcessHandle> rcloneProcessesFor(Path source) {
    return ProcessHandle.current()
        .descendants()
        .filter(
            process ->
                process
                    .info()
                    .commandLine()
                    .map(line -> line.contains("rclone") && line.contains(source.toString()))
                    .orElse(false))
        .toList();
  }
}
