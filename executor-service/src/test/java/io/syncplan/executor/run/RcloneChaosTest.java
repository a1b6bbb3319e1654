package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the machine can do to a run's rclone: an OOM killer's SIGKILL (the attempt is retried as the
 * plan's retries say), and a destination disk that fills up (FAILED at once, saying so, the source
 * untouched).
 */
@ExecutorTest
class RcloneChaosTest {

  @TempDir Path dir;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  @Test
  void anRcloneKilledWithSigkillIsRetriedAndTheRunSucceedsOnce() {
    Path source = dir.resolve("source");
    TestFiles.sized(source.resolve("big.bin"), ExecutorTest.SLOW_FILE_BYTES / 2, 11);
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    PlanSnapshot plan =
        TestPlans.between(source, dir.resolve("destination"))
            .retries(new RetryPolicy(3, Duration.ofMillis(300), 1.0))
            .build();

    String runId = runs.request(plan);
    runs.awaitResult(RunStarted.class, started -> started.runId().equals(runId));
    killRcloneOf(source);
    RunFinished finished = runs.awaitFinished(runId);

    assertThat(finished.status()).as("%s", finished.error()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(finished.attempts()).isEqualTo(2);
    assertThat(runs.events(runId))
        .filteredOn(event -> event.payload() instanceof RunRetrying retrying)
        .singleElement()
        .satisfies(
            event -> assertThat(((RunRetrying) event.payload()).reason()).contains("RCLONE_DIED"));
    assertThat(runs.events(runId))
        .filteredOn(event -> event.payload() instanceof RunFinished)
        .hasSize(1);
    assertThat(FileTrees.snapshot(dir.resolve("destination"))).isEqualTo(sourceBefore);
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
  }

  @Test
  void anRcloneKilledWithSigkillOnItsOnlyAttemptFailsTheRunSayingSo() {
    Path source = dir.resolve("source");
    TestFiles.sized(source.resolve("big.bin"), ExecutorTest.SLOW_FILE_BYTES / 2, 12);
    PlanSnapshot plan =
        TestPlans.between(source, dir.resolve("destination"))
            .retries(new RetryPolicy(1, Duration.ofMillis(300), 1.0))
            .build();

    String runId = runs.request(plan);
    runs.awaitResult(RunStarted.class, started -> started.runId().equals(runId));
    killRcloneOf(source);
    RunFinished finished = runs.awaitFinished(runId);

    assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
    assertThat(finished.error().reason()).isEqualTo("RCLONE_DIED");
    assertThat(finished.attempts()).isEqualTo(1);
  }

  @Test
  void aDestinationDiskThatFillsUpFailsTheRunSayingSoAndLeavesTheSourceAlone() throws Exception {
    Path full = dir.resolve("small-disk");
    Files.createDirectories(full);
    String why = mountSmallDisk(full);
    Assumptions.assumeTrue(
        why == null, () -> "skipped: a 1 MB tmpfs cannot be mounted here (" + why + ")");
    try {
      Path source = dir.resolve("source");
      FileTrees.write(source, 6, 1, 1);
      for (int i = 0; i < 4; i++) {
        TestFiles.sized(source.resolve("part-" + i + ".bin"), 600_000, 20 + i);
      }
      SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
      PlanSnapshot plan =
          TestPlans.between(source, full.resolve("backup"))
              .retries(new RetryPolicy(3, Duration.ofMillis(300), 1.0))
              .build();

      RunFinished finished = runs.run(plan);

      assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
      assertThat(finished.error().reason()).isEqualTo("DESTINATION_FULL");
      assertThat(finished.error().message()).contains("disk is full");
      assertThat(finished.attempts()).as("not retried").isEqualTo(1);
      assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    } finally {
      run("umount", full.toString());
    }
  }

  private static void killRcloneOf(Path source) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !CancelTest.rcloneProcessesFor(source).isEmpty());
    List<ProcessHandle> rclone = CancelTest.rcloneProcessesFor(source);
    // SIGKILL, as the kernel's OOM killer sends it.
    rclone.forEach(ProcessHandle::destroyForcibly);
  }

  /** Null when a 1 MB tmpfs is mounted on the directory, else why not. */
  private static String mountSmallDisk(Path directory) {
    try {
      String output = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", directory.toString());
      return output;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /** Runs a command; null when it succeeded, else what it printed. */
  private static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes()).strip();
      return process.waitFor() == 0
          ? null
          : output.isEmpty() ? "exit " + process.exitValue() : output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
