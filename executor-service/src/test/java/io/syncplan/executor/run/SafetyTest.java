package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.contracts.plan.CompareStrategy;
import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.FilterSpec;
import io.syncplan.contracts.plan.PerformanceSpec;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RetryPolicy;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
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
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The mass-deletion guard, refused plan values and the plan's limits. */
@ExecutorTest
class SafetyTest {

  private static final RetryPolicy THREE_QUICK_ATTEMPTS =
      new RetryPolicy(3, Duration.ofMillis(100), 1.0);

  @TempDir Path dir;
  @Autowired MeterRegistry registry;
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
  void aMirrorWhoseSourceLooksEmptyDeletesNothingAndIsNotRetried() throws IOException {
    FileTrees.write(source, 20, 256, 21);
    PlanSnapshot plan =
        TestPlans.between(source, destination).retries(THREE_QUICK_ATTEMPTS).build();
    runs.run(plan);
    SortedMap<String, String> mirrored = FileTrees.snapshot(destination);
    // The disk is not mounted: its mount point is an empty folder.
    RunWorkspace.deleteTree(source);
    Files.createDirectories(source);

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("SAFETY_ABORT");
    assertThat(run.error().message()).contains("20 of the destination's 20 files", "50%");
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(FileTrees.snapshot(destination)).isEqualTo(mirrored);
  }

  @Test
  void aMirrorThatWouldDeleteTooMuchBringsNewFilesButDeletesNothing() throws IOException {
    FileTrees.write(source, 20, 256, 29);
    PlanSnapshot plan = TestPlans.between(source, destination).build();
    runs.run(plan);
    SortedMap<String, String> mirrored = FileTrees.snapshot(destination);
    deleteFiles(source, 15);
    FileTrees.writeFile(source, "new.txt", "new");

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("SAFETY_ABORT");
    assertThat(run.error().message()).contains("15 of the destination's 20 files");
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(run.stats().filesDeleted()).isZero();
    assertThat(run.changes().added()).containsExactly("new.txt");
    SortedMap<String, String> expected = new TreeMap<>(mirrored);
    expected.put("new.txt", FileTrees.snapshot(source).get("new.txt"));
    assertThat(FileTrees.snapshot(destination)).isEqualTo(expected);
  }

  @Test
  void aRunWithNothingToDeleteStartsOneRcloneAndCountsNothing() {
    FileTrees.write(source, 20, 256, 30);
    PlanSnapshot plan = TestPlans.between(source, destination).build();
    runs.run(plan);
    double syncs = started("sync");
    double counts = started("size");
    FileTrees.writeFile(source, "another.txt", "another");

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.stats().filesAdded()).isEqualTo(1);
    assertThat(started("sync") - syncs).isEqualTo(1);
    assertThat(started("size") - counts).isZero();
  }

  @Test
  void theGuardAlsoProtectsTheRevisionHistoryMode() throws IOException {
    FileTrees.write(source, 12, 256, 22);
    PlanSnapshot plan =
        TestPlans.between(source, destination).mode(SyncMode.MIRROR_WITH_REVISIONS).build();
    runs.run(plan);
    SortedMap<String, String> mirrored = FileTrees.snapshot(destination);
    deleteFiles(source, 9);

    RunFinished run = runs.run(plan);

    assertThat(run.error().reason()).isEqualTo("SAFETY_ABORT");
    assertThat(FileTrees.snapshot(destination)).isEqualTo(mirrored);
  }

  @Test
  void deletionsWithinThePlansLimitGoThrough() throws IOException {
    FileTrees.write(source, 20, 256, 23);
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .deletionGuard(new DeletionGuard(true, 30, 10))
            .build();
    runs.run(plan);
    deleteFiles(source, 6);

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.stats().filesDeleted()).isEqualTo(6);
    assertThat(run.changes().deleted()).hasSize(6);
    assertThat(FileTrees.snapshot(destination)).isEqualTo(FileTrees.snapshot(source));
  }

  @Test
  void aDestinationWithFewerFilesThanTheMinimumIsNotGuarded() throws IOException {
    FileTrees.write(source, 6, 256, 24);
    PlanSnapshot plan = TestPlans.between(source, destination).build();
    runs.run(plan);
    deleteFiles(source, 5);

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.count(destination)).isEqualTo(1);
  }

  @Test
  void aPlanWithTheGuardOffMayEmptyItsDestination() throws IOException {
    FileTrees.write(source, 15, 256, 25);
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .deletionGuard(new DeletionGuard(false, 50, 10))
            .build();
    runs.run(plan);
    RunWorkspace.deleteTree(source);
    Files.createDirectories(source);

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.count(destination)).isZero();
  }

  static Stream<Arguments> valuesRcloneCouldReadAsFlags() {
    PerformanceSpec defaults = PerformanceSpec.DEFAULT;
    return Stream.of(
        Arguments.of(
            "an exclude pattern",
            plan((src, dst) -> TestPlans.between(src, dst).filters(exclude("--delete-excluded")))),
        Arguments.of(
            "an include path",
            plan(
                (src, dst) ->
                    TestPlans.between(src, dst)
                        .filters(new FilterSpec(List.of("-docs"), List.of(), List.of())))),
        Arguments.of(
            "a buffer size",
            plan(
                (src, dst) ->
                    TestPlans.between(src, dst)
                        .performance(
                            new PerformanceSpec(
                                4,
                                "--config=/etc/passwd",
                                4,
                                CompareStrategy.CHECKSUM,
                                null,
                                null)))),
        Arguments.of(
            "a max transfer",
            plan(
                (src, dst) ->
                    TestPlans.between(src, dst)
                        .performance(
                            new PerformanceSpec(
                                defaults.transfers(),
                                defaults.bufferSize(),
                                defaults.multiThreadStreams(),
                                defaults.compare(),
                                null,
                                "-1")))),
        Arguments.of(
            "a storage path",
            plan(
                (src, dst) ->
                    TestPlans.between(
                        Endpoint.local(src.toString()),
                        new Endpoint(
                            "--dry-run", new StorageSpec("s", "s", "local", Map.of(), Map.of()))))),
        Arguments.of(
            "a storage option",
            plan(
                (src, dst) ->
                    TestPlans.between(
                        Endpoint.local(src.toString()),
                        new Endpoint(
                            "dir",
                            new StorageSpec(
                                "s", "s", "sftp", Map.of("host", "-oProxyCommand=x"), Map.of()))))),
        Arguments.of(
            "a relative local path",
            plan(
                (src, dst) ->
                    TestPlans.between(Endpoint.local(src.toString()), Endpoint.local("dst")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valuesRcloneCouldReadAsFlags")
  void aPlanValueThatRcloneCouldMisreadIsRefusedBeforeRcloneRuns(
      String setting, BiFunction<Path, Path, TestPlans> plan) {
    FileTrees.writeFile(source, "a.txt", "a");
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);

    RunFinished run =
        runs.run(plan.apply(source, destination).retries(THREE_QUICK_ATTEMPTS).build());

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("INVALID_PLAN");
    assertThat(run.error().exitCode()).isNull();
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(destination).doesNotExist();
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
  }

  @Test
  void reachingTheMaxTransferEndsThePartialAndSaysSo() {
    FileTrees.write(source, 6, 1_000_000, 26);
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .performance(
                new PerformanceSpec(1, "16M", 4, CompareStrategy.SIZE_AND_MODTIME, null, "1M"))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(run.error().reason()).isEqualTo("MAX_TRANSFER_REACHED");
    assertThat(run.error().message()).contains("max transfer");
    assertThat(FileTrees.count(destination)).isLessThan(6);
  }

  @Test
  void reachingTheMaxDurationEndsThePartial() {
    TestFiles.sized(source.resolve("a.bin"), 12_000_000, 27);
    TestFiles.sized(source.resolve("b.bin"), 12_000_000, 28);
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .performance(
                new PerformanceSpec(
                    1, "16M", 4, CompareStrategy.SIZE_AND_MODTIME, Duration.ofSeconds(1), null))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(run.error().reason()).isEqualTo("MAX_DURATION_REACHED");
    assertThat(Duration.between(run.startedAt(), run.finishedAt()))
        .isLessThan(Duration.ofSeconds(4));
  }

  private double started(String verb) {
    Counter counter = registry.find("syncplan.executor.rclone.started").tag("verb", verb).counter();
    return counter == null ? 0 : counter.count();
  }

  private static BiFunction<Path, Path, TestPlans> plan(BiFunction<Path, Path, TestPlans> plan) {
    return plan;
  }

  private static FilterSpec exclude(String pattern) {
    return new FilterSpec(List.of(), List.of(pattern), List.of());
  }

  private static void deleteFiles(Path root, int count) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().limit(count).toList()) {
        Files.delete(file);
      }
    }
  }
}
