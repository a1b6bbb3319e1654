package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.BisyncConflict;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.TestRclone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** BISYNC: state kept in MongoDB, conflicts listed and no version lost. */
@ExecutorTest
class BisyncTest {

  @TempDir Path dir;
  @Autowired ExecutorProperties properties;
  RunDriver runs;
  Path one;
  Path two;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    one = dir.resolve("one");
    two = dir.resolve("two");
  }

  @AfterEach
  void tearDown() {
    runs.close();
  }

  @Test
  void theFirstRunJoinsBothSidesAndLaterRunsCarryChangesBothWays() throws IOException {
    FileTrees.writeFile(one, "from-one.txt", "1");
    FileTrees.writeFile(one, "shared/doc.txt", "doc");
    FileTrees.writeFile(two, "from-two.txt", "2");
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();

    RunFinished first = runs.run(plan);

    assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(one)).isEqualTo(FileTrees.snapshot(two));
    assertThat(FileTrees.snapshot(one).keySet())
        .containsExactlyInAnyOrder("from-one.txt", "from-two.txt", "shared/doc.txt");

    FileTrees.writeFile(two, "new-on-two.txt", "new");
    Files.delete(one.resolve("from-one.txt"));
    touch(FileTrees.writeFile(one, "shared/doc.txt", "doc, edited on one"));

    RunFinished second = runs.run(plan);

    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(one)).isEqualTo(FileTrees.snapshot(two));
    assertThat(FileTrees.snapshot(two).keySet())
        .containsExactlyInAnyOrder("from-two.txt", "new-on-two.txt", "shared/doc.txt");
    assertThat(two.resolve("shared/doc.txt")).hasContent("doc, edited on one");
  }

  @Test
  void itsStateLivesInMongoSoAnExecutorWithoutLocalStateCarriesOnWithoutResync()
      throws IOException {
    FileTrees.write(one, 12, 256, 5);
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    Path deleted;
    try (var files = Files.walk(one)) {
      deleted = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
    }
    Files.delete(deleted);
    // Another executor, or this one after a restart, has none of bisync's local files.
    RunWorkspace.deleteTree(properties.workDir().resolve("bisync"));

    RunFinished second = runs.run(plan);

    // With --resync the file would have come back from the other side; a deletion only
    // propagates when bisync compared against the saved listings.
    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(two.resolve(one.relativize(deleted))).doesNotExist();
    assertThat(FileTrees.snapshot(one)).isEqualTo(FileTrees.snapshot(two));
    assertThat(second.changes().deleted()).containsExactly(one.relativize(deleted).toString());
  }

  @Test
  void aFileChangedOnBothSidesEndsAsTheNewerOnBothSidesWithTheOtherInTheLosersHistory()
      throws IOException {
    FileTrees.writeFile(one, "notes.txt", "original");
    FileTrees.writeFile(one, "other.txt", "untouched");
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    runs.run(plan);
    Instant older = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
    Instant newer = older.plusSeconds(5);
    Files.setLastModifiedTime(
        FileTrees.writeFile(one, "notes.txt", "edited on one"), FileTime.from(older));
    Files.setLastModifiedTime(
        FileTrees.writeFile(two, "notes.txt", "edited on two, too"), FileTime.from(newer));

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    for (Path side : new Path[] {one, two}) {
      assertThat(FileTrees.snapshot(side, ".syncplan").keySet())
          .as("nothing left beside the winner")
          .containsExactlyInAnyOrder("notes.txt", "other.txt");
      assertThat(side.resolve("notes.txt")).hasContent("edited on two, too");
    }
    String kept = RevisionFolders.ROOT + "/" + onlyFolder(one) + "/notes.txt";
    assertThat(one.resolve(kept)).hasContent("edited on one");
    assertThat(two.resolve(kept)).doesNotExist();
    assertThat(run.changes().conflicts()).containsExactly("notes.txt");
    assertThat(run.stats().conflicts()).isEqualTo(1);
    assertThat(run.changes().conflictDetails())
        .containsExactly(
            new BisyncConflict(
                "notes.txt",
                older,
                "edited on one".length(),
                newer,
                "edited on two, too".length(),
                BisyncConflict.PATH2,
                kept));
    assertThat(run.changes().modified()).containsExactly("notes.txt");
    assertThat(run.changes().movedToRevisions()).containsExactly("notes.txt");
    assertThat(run.changes().added()).isEmpty();
    assertThat(run.changes().deleted()).isEmpty();

    RunFinished next = runs.run(plan);

    assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(next.changes().conflicts()).isEmpty();
    assertThat(next.stats().changedAnything()).isFalse();
    assertThat(FileTrees.snapshot(one, ".syncplan"))
        .isEqualTo(FileTrees.snapshot(two, ".syncplan"));
  }

  @Test
  void versionsWithTheSameModificationTimeHaveNoWinnerAndBothAreKept() throws IOException {
    FileTrees.writeFile(one, "notes.txt", "original");
    FileTrees.writeFile(one, "other.txt", "untouched");
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    runs.run(plan);
    FileTime same = FileTime.from(Instant.now().plusSeconds(5));
    Files.setLastModifiedTime(FileTrees.writeFile(one, "notes.txt", "edited on one"), same);
    Files.setLastModifiedTime(FileTrees.writeFile(two, "notes.txt", "edited on two, too"), same);

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    String suffix = TestRclone.require().isAtLeast(1, 66) ? ".conflict" : "..path";
    for (Path side : new Path[] {one, two}) {
      assertThat(side.resolve("notes.txt" + suffix + "1")).hasContent("edited on one");
      assertThat(side.resolve("notes.txt" + suffix + "2")).hasContent("edited on two, too");
    }
    assertThat(run.changes().conflictDetails())
        .singleElement()
        .satisfies(conflict -> assertThat(conflict.winner()).isNull());
  }

  @Test
  void theRunListsExactlyWhatChangedOnEitherSide() throws IOException {
    FileTrees.writeFile(one, "edited.txt", "first");
    FileTrees.writeFile(one, "removed.txt", "doomed");
    FileTrees.writeFile(one, "stays.txt", "stays");
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    runs.run(plan);
    FileTrees.writeFile(one, "new-on-one.txt", "1");
    FileTrees.writeFile(two, "docs/new-on-two.txt", "2");
    touch(FileTrees.writeFile(two, "edited.txt", "second, on two"));
    Files.delete(one.resolve("removed.txt"));

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.changes().added())
        .containsExactlyInAnyOrder("new-on-one.txt", "docs/new-on-two.txt");
    assertThat(run.changes().modified()).containsExactly("edited.txt");
    assertThat(run.changes().deleted()).containsExactly("removed.txt");
    assertThat(run.changes().conflicts()).isEmpty();
    assertThat(run.changes().movedToRevisions()).isEmpty();
    assertThat(one.resolve(RevisionFolders.ROOT)).doesNotExist();
    assertThat(FileTrees.snapshot(one, ".syncplan"))
        .isEqualTo(FileTrees.snapshot(two, ".syncplan"));
  }

  /** The one revision folder of a side's history. */
  private static String onlyFolder(Path side) throws IOException {
    try (var folders = Files.list(side.resolve(RevisionFolders.ROOT))) {
      List<String> names = folders.map(folder -> folder.getFileName().toString()).toList();
      assertThat(names).hasSize(1);
      return names.get(0);
    }
  }

  @Test
  void aSideThatLostMostOfItsFilesStopsBisyncBeforeItDeletesAnything() throws IOException {
    FileTrees.write(one, 20, 128, 6);
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    runs.run(plan);
    SortedMap<String, String> twoBefore = FileTrees.snapshot(two);
    try (var files = Files.walk(one)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().limit(15).toList()) {
        Files.delete(file);
      }
    }

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("SAFETY_ABORT");
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(FileTrees.snapshot(two)).isEqualTo(twoBefore);
  }

  @Test
  void anEmptySideLikeAnUnmountedDiskIsRefusedEveryTimeAndNeverResynced() throws IOException {
    FileTrees.write(one, 8, 128, 7);
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    runs.run(plan);
    SortedMap<String, String> twoBefore = FileTrees.snapshot(two);
    RunWorkspace.deleteTree(one);
    Files.createDirectories(one);

    RunFinished first = runs.run(plan);
    RunFinished again = runs.run(plan);

    for (RunFinished run : new RunFinished[] {first, again}) {
      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.error().reason()).isEqualTo("SAFETY_ABORT");
      assertThat(run.error().message()).contains("not mounted");
    }
    assertThat(FileTrees.snapshot(two)).isEqualTo(twoBefore);
    assertThat(FileTrees.snapshot(one)).isEmpty();
  }

  @Test
  void withCheckAccessASideWithoutItsMarkerFileStopsTheRunAndTheNextRunNeedsNoResync()
      throws IOException {
    FileTrees.writeFile(one, DeletionGuard.ACCESS_MARKER, "");
    FileTrees.writeFile(two, DeletionGuard.ACCESS_MARKER, "");
    FileTrees.writeFile(one, "kept.txt", "kept");
    FileTrees.writeFile(one, "other.txt", "other");
    PlanSnapshot plan =
        TestPlans.between(one, two)
            .mode(SyncMode.BISYNC)
            .deletionGuard(new DeletionGuard(true, 50, 10, true))
            .build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    // The second side is not what it should be: its marker is gone, and so is a file.
    Files.delete(two.resolve(DeletionGuard.ACCESS_MARKER));
    Files.delete(two.resolve("kept.txt"));
    SortedMap<String, String> oneBefore = FileTrees.snapshot(one);

    RunFinished refused = runs.run(plan);

    assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
    assertThat(refused.error().reason()).isEqualTo("BISYNC_ACCESS_CHECK_FAILED");
    assertThat(refused.error().message()).contains("RCLONE_TEST").contains("not mounted");
    assertThat(FileTrees.snapshot(one)).as("nothing deleted").isEqualTo(oneBefore);

    // Mounted again: the run carries on from the saved state, without a resync.
    FileTrees.writeFile(two, DeletionGuard.ACCESS_MARKER, "");
    FileTrees.writeFile(two, "kept.txt", "kept");
    FileTrees.writeFile(one, "later.txt", "later");
    RunFinished next = runs.run(plan);

    assertThat(next.status()).as("%s", next.error()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(two)).isEqualTo(FileTrees.snapshot(one));
    assertThat(two.resolve("later.txt")).hasContent("later");
  }

  /** A later modification time than bisync's listing, even on a coarse file system clock. */
  private static void touch(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
  }
}
