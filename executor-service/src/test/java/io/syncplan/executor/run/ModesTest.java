package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.CompareStrategy;
import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.FilterPreset;
import io.syncplan.contracts.plan.FilterSpec;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RevisionPolicy;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.Transfer;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Each one-way mode with real rclone on real folders; the source never changes. */
@ExecutorTest
class ModesTest {

  @TempDir Path dir;
  @Autowired RcloneCommandBuilder commands;
  @Autowired Rclone rclone;
  RunDriver runs;
  Path source;
  Path destination;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    source = dir.resolve("source");
    destination = dir.resolve("destination");
  }

  @AfterEach
  void tearDown() {
    runs.close();
  }

  @Test
  void mirrorMakesTheDestinationAnExactCopyAndReportsEveryChange() throws IOException {
    FileTrees.write(source, 200, 4096, 1);
    PlanSnapshot plan = TestPlans.between(source, destination).build();

    RunFinished first = runs.run(plan);

    assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(destination)).isEqualTo(FileTrees.snapshot(source));
    assertThat(first.stats().filesAdded()).isEqualTo(200);
    assertThat(first.attempts()).isEqualTo(1);

    Path deleted = firstFile(source);
    Files.delete(deleted);
    Path changed = firstFile(source);
    Files.writeString(changed, "changed content, a different size");
    FileTrees.writeFile(source, "brand/new.txt", "new");
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);

    RunFinished second = runs.run(plan);

    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    assertThat(FileTrees.snapshot(destination)).isEqualTo(sourceBefore);
    assertThat(second.changes().added()).containsExactly("brand/new.txt");
    assertThat(second.changes().modified()).containsExactly(relative(changed));
    assertThat(second.changes().deleted()).containsExactly(relative(deleted));
    assertThat(second.stats().filesAdded()).isEqualTo(1);
    assertThat(second.stats().filesModified()).isEqualTo(1);
    assertThat(second.stats().filesDeleted()).isEqualTo(1);
    assertThat(second.stats().bytesTransferred()).isPositive();
    assertThat(second.finishedAt()).isAfterOrEqualTo(second.startedAt());
  }

  @Test
  void copyBringsNewAndChangedFilesAndDeletesNothing() throws IOException {
    FileTrees.write(source, 30, 1024, 2);
    PlanSnapshot plan = TestPlans.between(source, destination).mode(SyncMode.COPY).build();
    runs.run(plan);
    FileTrees.writeFile(destination, "only-at-destination.txt", "keep me");
    Path gone = firstFile(source);
    Files.delete(gone);
    Path changed = firstFile(source);
    Files.writeString(changed, "a changed file");
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);

    RunFinished copy = runs.run(plan);

    assertThat(copy.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    assertThat(destination.resolve("only-at-destination.txt")).hasContent("keep me");
    assertThat(destination.resolve(relative(gone))).exists();
    assertThat(destination.resolve(relative(changed))).hasContent("a changed file");
    assertThat(copy.stats().filesDeleted()).isZero();
    assertThat(copy.changes().modified()).containsExactly(relative(changed));
  }

  @Test
  void mirrorWithRevisionsKeepsWhatItReplacedOrDeletedInADatedHistoryFolder() throws IOException {
    FileTrees.writeFile(source, "docs/report.txt", "version 1");
    FileTrees.writeFile(source, "docs/old.txt", "to be deleted");
    FileTrees.writeFile(source, "same.txt", "unchanged");
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .mode(SyncMode.MIRROR_WITH_REVISIONS)
            .revisions(new RevisionPolicy(30, 10))
            .build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    Files.writeString(source.resolve("docs/report.txt"), "version 2, longer");
    Files.delete(source.resolve("docs/old.txt"));
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);

    RunFinished second = runs.run(plan);

    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    assertThat(FileTrees.snapshot(destination, ".syncplan")).isEqualTo(sourceBefore);
    assertThat(second.changes().modified()).containsExactly("docs/report.txt");
    assertThat(second.changes().deleted()).containsExactly("docs/old.txt");
    assertThat(second.changes().movedToRevisions())
        .containsExactlyInAnyOrder("docs/report.txt", "docs/old.txt");
    assertThat(second.stats().filesMovedToRevisions()).isEqualTo(2);
    List<Path> revisionFolders = children(destination.resolve(".syncplan/revisions"));
    assertThat(revisionFolders).hasSize(1);
    Path revision = revisionFolders.get(0);
    assertThat(revision.getFileName().toString())
        .isEqualTo(io.syncplan.executor.revision.RevisionFolders.name(second.startedAt()));
    assertThat(revision.resolve("docs/report.txt")).hasContent("version 1");
    assertThat(revision.resolve("docs/old.txt")).hasContent("to be deleted");
    assertThat(revision.resolve("same.txt")).doesNotExist();
  }

  /**
   * On rclone 1.66 and later a run's lists come from rclone's change reports, so a dry run needs no
   * debug line per file to tell replaced files from new ones; before 1.66 only the debug log tells.
   * The dry runs below list exactly on both.
   */
  @Test
  void aDryRunTellsReplacedFilesFromNewOnesByReportsOnModernRcloneAndByDebugLogBefore() {
    Transfer dryRun =
        new Transfer(
            SyncMode.MIRROR,
            new RcloneLocation(source.toString(), Map.of(), Set.of()),
            new RcloneLocation(destination.toString(), Map.of(), Set.of()),
            null,
            TestPlans.between(source, destination).build().performance(),
            true,
            null,
            null,
            true,
            dir.resolve("reports"));

    List<String> arguments = commands.transfer(dryRun).arguments();

    if (rclone.version().isModern()) {
      assertThat(arguments).contains("--differ", "--missing-on-dst", "--missing-on-src");
      assertThat(String.join(" ", arguments)).contains("--log-level NOTICE");
    } else {
      assertThat(String.join(" ", arguments))
          .contains("--log-level DEBUG")
          .doesNotContain("--differ");
    }
  }

  /**
   * On rclone 1.66 and later a pass whose lists the change reports give runs at NOTICE, without a
   * log line per file (which costs rclone about a fifth of a 10,000-file run); one that may stop
   * part-way by design (a plan's max duration or max transfer, a pass that may delete some files
   * and refuse the rest) keeps them, its only record of what it did. rclone 1.60 always logs them.
   */
  @Test
  void onlyAPassThatMayStopPartWayLogsALinePerFileWhereTheReportsListTheChanges() {
    PlanSnapshot plan = TestPlans.between(source, destination).build();
    Transfer run =
        new Transfer(
            SyncMode.MIRROR,
            new RcloneLocation(source.toString(), Map.of(), Set.of()),
            new RcloneLocation(destination.toString(), Map.of(), Set.of()),
            null,
            plan.performance(),
            false,
            null,
            0L,
            false,
            dir.resolve("reports"));
    PerformanceSpec limited =
        new PerformanceSpec(
            4, "16M", 4, CompareStrategy.SIZE_AND_MODTIME, Duration.ofMinutes(5), null);
    Transfer timed =
        new Transfer(
            run.mode(),
            run.source(),
            run.destination(),
            null,
            limited,
            false,
            null,
            null,
            false,
            run.reports());

    String quiet = String.join(" ", commands.transfer(run).arguments());
    String deleting = String.join(" ", commands.transfer(run.withMaxDelete(3L)).arguments());
    String withDuration = String.join(" ", commands.transfer(timed).arguments());

    if (rclone.version().isModern()) {
      assertThat(quiet).contains("--log-level NOTICE", "--error ");
    } else {
      assertThat(quiet).contains("--log-level INFO");
    }
    assertThat(deleting).contains("--log-level INFO");
    assertThat(withDuration).contains("--log-level INFO");
  }

  /**
   * A mirror run that fails on one file (its folder's name is taken by a file at the destination)
   * lists the files it copied and neither the one it failed on nor the deletion rclone then skips:
   * from the log on rclone 1.60, from the change reports less rclone's error report on 1.66 and
   * later, where no line per file is logged.
   */
  @Test
  void aRunThatFailsOnOneFileListsWhatItCopiedAndNotWhatItFailedOn() throws IOException {
    FileTrees.writeFile(source, "a.txt", "one");
    FileTrees.writeFile(source, "b/c.txt", "two");
    FileTrees.writeFile(source, "blocked/d.txt", "three");
    FileTrees.writeFile(destination, "blocked", "a file where the source has a folder");
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .deletionGuard(new DeletionGuard(false, 50, 10))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.changes().added()).containsExactlyInAnyOrder("a.txt", "b/c.txt");
    assertThat(run.changes().deleted()).isEmpty();
    assertThat(run.stats().filesAdded()).isEqualTo(2);
    assertThat(run.error().logTail()).anyMatch(line -> line.contains("blocked"));
    assertThat(destination.resolve("a.txt")).hasContent("one");
    assertThat(destination.resolve("blocked")).hasContent("a file where the source has a folder");
  }

  @Test
  void aDryRunChangesNothingOnEitherSideAndReportsWhatTheRunWouldDo() throws IOException {
    FileTrees.write(source, 20, 512, 3);
    PlanSnapshot plan = TestPlans.between(source, destination).build();
    runs.run(plan);
    Path deleted = firstFile(source);
    Files.delete(deleted);
    Path changed = firstFile(source);
    Files.writeString(changed, "would be changed");
    FileTrees.writeFile(source, "would-be-added.txt", "new");
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    SortedMap<String, String> destinationBefore = FileTrees.snapshot(destination);

    RunFinished dryRun = runs.dryRun(plan);

    assertThat(dryRun.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(dryRun.dryRun()).isTrue();
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    assertThat(FileTrees.snapshot(destination)).isEqualTo(destinationBefore);
    assertThat(dryRun.changes().added()).containsExactly("would-be-added.txt");
    assertThat(dryRun.changes().modified()).containsExactly(relative(changed));
    assertThat(dryRun.changes().deleted()).containsExactly(relative(deleted));
  }

  @Test
  void aDryRunOfRevisionsSaysWhatWouldMoveIntoTheHistoryAndMovesNothing() throws IOException {
    FileTrees.writeFile(source, "a.txt", "one");
    FileTrees.writeFile(source, "b.txt", "two");
    PlanSnapshot plan =
        TestPlans.between(source, destination).mode(SyncMode.MIRROR_WITH_REVISIONS).build();
    runs.run(plan);
    Files.writeString(source.resolve("a.txt"), "one, changed");
    Files.delete(source.resolve("b.txt"));
    SortedMap<String, String> destinationBefore = FileTrees.snapshot(destination);

    RunFinished dryRun = runs.dryRun(plan);

    assertThat(dryRun.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(destination)).isEqualTo(destinationBefore);
    assertThat(dryRun.changes().modified()).containsExactly("a.txt");
    assertThat(dryRun.changes().deleted()).containsExactly("b.txt");
    assertThat(dryRun.changes().movedToRevisions()).containsExactlyInAnyOrder("a.txt", "b.txt");
  }

  /**
   * The tests' executor caps rclone at {@link ExecutorTest#BANDWIDTH} through its environment; a
   * plan's own limit is rclone's {@code --bwlimit} and wins: 6 MiB at 2 MiB/s cannot take less than
   * about three seconds (at the executor's cap it takes a fraction of one).
   */
  @Test
  void aPlansBandwidthTimetableLimitsItsRunThroughRclonesBwlimit() {
    TestFiles.sized(source.resolve("big.bin"), 6 * 1024 * 1024, 7);
    PerformanceSpec slow =
        new PerformanceSpec(
            1, "16M", 0, CompareStrategy.SIZE_AND_MODTIME, null, null, "00:00,2M 23:59,2M:1M");
    PlanSnapshot plan = TestPlans.between(source, destination).performance(slow).build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(Duration.between(run.startedAt(), run.finishedAt()))
        .isGreaterThan(Duration.ofMillis(2500));
    assertThat(destination.resolve("big.bin")).hasSize(6 * 1024 * 1024);
  }

  @Test
  void includePathsExcludePatternsAndPresetsChooseTheFiles() {
    FileTrees.writeFile(source, "photos/2024/a.jpg", "a");
    FileTrees.writeFile(source, "photos/2024/a.jpg.tmp", "temporary");
    FileTrees.writeFile(source, "photos/raw/b.cr2", "raw");
    FileTrees.writeFile(source, "photos/.DS_Store", "system");
    FileTrees.writeFile(source, "documents/c.pdf", "c");
    FileTrees.writeFile(source, "music/d.mp3", "not included");
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .filters(
                new FilterSpec(
                    List.of("photos", "documents/"),
                    List.of("*.cr2"),
                    List.of(FilterPreset.TEMPORARY_FILES, FilterPreset.SYSTEM_FILES)))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(destination).keySet())
        .containsExactlyInAnyOrder("photos/2024/a.jpg", "documents/c.pdf");
  }

  private String relative(Path file) {
    return source.relativize(file).toString().replace('\\', '/');
  }

  private static Path firstFile(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
    }
  }

  private static List<Path> children(Path folder) throws IOException {
    try (Stream<Path> children = Files.list(folder)) {
      return children.toList();
    }
  }
}
