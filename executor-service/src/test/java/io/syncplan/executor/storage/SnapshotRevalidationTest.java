package io.syncplan.executor.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.CompareStrategy;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.PlanInitRequested;
import io.syncplan.contracts.plan.PlanInitialized;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every snapshot a command brings is held to the API's rules again ({@code PlanRules}) before
 * anything of it reaches rclone: one the API would have refused fails with the reason, naming the
 * fields as the API does.
 */
@ExecutorTest
class SnapshotRevalidationTest {

  @TempDir Path dir;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  @Test
  void aRunOfASnapshotTheApiWouldRefuseFailsWithEveryReason() {
    Path source = dir.resolve("source");
    FileTrees.writeFile(source, "a.txt", "a");
    Path destination = dir.resolve("source/inside");
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .mode(SyncMode.COPY)
            .performance(
                new PerformanceSpec(5000, "16M", 4, CompareStrategy.SIZE_AND_MODTIME, null, null))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("INVALID_PLAN");
    assertThat(run.error().message())
        .startsWith("the plan breaks syncplan's rules: ")
        .contains("destination.path must not lie inside the source")
        .contains("performance.transfers must be 1 to 64");
    assertThat(destination).doesNotExist();
  }

  @Test
  void anInitialisationOfSuchASnapshotAnswersNotReadyWithTheReason() {
    PlanSnapshot plan =
        TestPlans.between(dir.resolve("a"), dir.resolve("a").resolve("b"))
            .performance(
                new PerformanceSpec(4, "16 gigs", 4, CompareStrategy.SIZE_AND_MODTIME, null, null))
            .build();

    runs.send(new PlanInitRequested(plan), plan.pool());
    PlanInitialized answer =
        runs.awaitResult(PlanInitialized.class, result -> result.planId().equals(plan.id()));

    assertThat(answer.ready()).isFalse();
    assertThat(answer.reason()).contains("performance.bufferSize must be a size");
    assertThat(dir.resolve("a")).doesNotExist();
  }
}
