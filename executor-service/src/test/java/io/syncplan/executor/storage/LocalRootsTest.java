package io.syncplan.executor.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.DestinationPurgeRequested;
import io.syncplan.contracts.plan.DestinationPurged;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.SyncplanInfrastructureExtension;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local paths stay inside the executor's local roots (the tests' temporary folder): a plan whose
 * path lies outside, leads outside through a symbolic link or climbs out with {@code ..} fails
 * before rclone starts, and names the roots. The folder outside is one of the build's own (or, when
 * the build itself lies in the temporary folder, one in the user's home), made for the test, so a
 * broken check could only ever touch that.
 */
@ExecutorTest
class LocalRootsTest {

  @TempDir Path dir;
  RunDriver runs;
  Path outside;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    outside = outsideTheRoots().resolve("syncplan-outside-roots-" + UUID.randomUUID());
    FileTrees.writeFile(outside, "private.txt", "not for plans");
  }

  private static Path outsideTheRoots() {
    Path roots = Path.of(SyncplanInfrastructureExtension.TEST_LOCAL_ROOTS).toAbsolutePath();
    Path build = Path.of("target").toAbsolutePath();
    Path folder = build.startsWith(roots) ? Path.of(System.getProperty("user.home")) : build;
    Assumptions.assumeFalse(
        folder.toAbsolutePath().startsWith(roots), "no folder outside the test roots to use");
    return folder;
  }

  @AfterEach
  void tearDown() throws IOException {
    try (var paths = Files.walk(outside)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void aSourceOutsideTheRootsIsRefusedAndTheRefusalNamesThem() {
    Path destination = dir.resolve("copy");

    RunFinished run = runs.run(TestPlans.between(outside, destination).mode(SyncMode.COPY).build());

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("INVALID_PLAN");
    assertThat(run.error().message())
        .contains(
            "source.path is outside the local roots ("
                + SyncplanInfrastructureExtension.TEST_LOCAL_ROOTS)
        .contains("syncplan.executor.local-roots");
    assertThat(destination).doesNotExist();
  }

  @Test
  void aSymbolicLinkInsideTheRootsThatLeadsOutsideIsRefused() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("innocent"), outside);
    Path destination = dir.resolve("copy");

    RunFinished run = runs.run(TestPlans.between(link, destination).mode(SyncMode.COPY).build());

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().message()).contains("outside the local roots");
    assertThat(destination).doesNotExist();
  }

  @Test
  void aPathThatClimbsOutWithDotDotIsRefused() {
    FileTrees.writeFile(dir.resolve("source"), "a.txt", "a");
    PlanSnapshot plan =
        TestPlans.between(
                Endpoint.local(dir.resolve("source").toString()),
                Endpoint.local(dir + "/../../" + outside))
            .mode(SyncMode.COPY)
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().message()).contains("must not contain '..'");
    assertThat(outside.resolve("a.txt")).doesNotExist();
  }

  @Test
  void aPurgeOfADestinationOutsideTheRootsRemovesNothing() {
    PlanSnapshot plan = TestPlans.between(dir.resolve("source"), outside).build();
    String requestId = UUID.randomUUID().toString();

    runs.send(new DestinationPurgeRequested(requestId, plan, java.time.Instant.now()), plan.pool());
    DestinationPurged purged =
        runs.awaitResult(DestinationPurged.class, answer -> answer.requestId().equals(requestId));

    assertThat(purged.success()).isFalse();
    assertThat(purged.error()).contains("outside the local roots");
    assertThat(outside.resolve("private.txt")).exists();
  }
}
