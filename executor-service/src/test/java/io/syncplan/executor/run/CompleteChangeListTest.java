package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunChangeList;
import io.syncplan.contracts.run.RunChangeList.ChangeKind;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A run's complete change lists ({@code run.changes}), published from rclone's change reports (1.66
 * and later) before its outcome, whose own lists stop at the first 1,000 paths of each kind.
 */
@ExecutorTest
class CompleteChangeListTest {

  private static final int FILES = 2_500;

  @TempDir Path dir;
  @Autowired Rclone rclone;
  RunDriver runs;
  Path source;
  Path destination;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    assumeTrue(rclone.version().isModern(), "rclone before 1.66 writes no change reports");
    runs = RunDriver.of(infrastructure);
    source = dir.resolve("source");
    destination = dir.resolve("destination");
  }

  @Test
  void everyPathOfALongListIsPublishedInPartsBeforeTheOutcome() {
    FileTrees.write(source, FILES, 64, 41);
    PlanSnapshot plan = TestPlans.between(source, destination).build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.changes().added()).hasSize(1_000);
    assertThat(run.changes().omitted()).isEqualTo(FILES - 1_000);
    List<RunChangeList> parts = parts(run.runId(), ChangeKind.ADDED);
    assertThat(parts).extracting(RunChangeList::part).containsExactly(0, 1, 2);
    assertThat(parts).allSatisfy(part -> assertThat(part.attempt()).isEqualTo(1));
    assertThat(parts.stream().flatMap(part -> part.paths().stream()))
        .containsExactlyInAnyOrderElementsOf(FileTrees.snapshot(source).keySet());
    List<Object> events =
        runs.events(run.runId()).stream().map(envelope -> (Object) envelope.payload()).toList();
    int outcome = events.indexOf(run);
    assertThat(events.subList(outcome, events.size())).noneMatch(RunChangeList.class::isInstance);
  }

  @Test
  void aRunWhoseDeletionsTheGuardCheckedListsThoseOfBothPasses() throws IOException {
    FileTrees.write(source, 40, 64, 42);
    PlanSnapshot plan =
        TestPlans.between(source, destination).mode(SyncMode.MIRROR_WITH_REVISIONS).build();
    runs.run(plan);
    List<String> gone = files(source).subList(0, 5);
    for (String path : gone) {
      Files.delete(source.resolve(path));
    }
    FileTrees.writeFile(source, "new.txt", "new");

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(paths(run.runId(), ChangeKind.ADDED)).containsExactly("new.txt");
    assertThat(paths(run.runId(), ChangeKind.DELETED)).containsExactlyInAnyOrderElementsOf(gone);
    assertThat(paths(run.runId(), ChangeKind.MOVED_TO_REVISIONS))
        .containsExactlyInAnyOrderElementsOf(gone);
    assertThat(run.changes().deleted()).containsExactlyInAnyOrderElementsOf(gone);
  }

  private List<RunChangeList> parts(String runId, ChangeKind kind) {
    return runs.events(runId).stream()
        .map(envelope -> envelope.payload())
        .filter(RunChangeList.class::isInstance)
        .map(RunChangeList.class::cast)
        .filter(part -> part.kind() == kind)
        .toList();
  }

  private List<String> paths(String runId, ChangeKind kind) {
    return parts(runId, kind).stream().flatMap(part -> part.paths().stream()).toList();
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString())
          .sorted()
          .toList();
    }
  }
}
