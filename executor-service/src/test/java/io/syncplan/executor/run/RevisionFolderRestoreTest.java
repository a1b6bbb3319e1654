package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.HistoryRuns;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestFiles;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.history.PlanLocations;
import io.syncplan.executor.rclone.HistoryCommands;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A revision restored into a missing or empty folder is copied whole, with real rclone on local
 * folders; any other target is listed first. The revision folder is laid out in the destination's
 * history as a run lays it out, so no run has to make it.
 */
@ExecutorTest
@ExtendWith(OutputCaptureExtension.class)
class RevisionFolderRestoreTest {

  static final String REVISION = "2026-11-26T09-15-30.123Z";

  /** What the revision folder holds; the name with brackets must pass the path filter as is. */
  static final Map<String, String> KEPT =
      Map.of(
          "a.txt", "a as it was",
          "top.txt", "top",
          "docs/b.txt", "b as it was",
          "docs/deep/c [1].txt", "c as it was");

  @TempDir Path dir;
  RunDriver runs;
  HistoryRuns history;
  @Autowired ControlledRclone controlled;
  @Autowired HistoryCommands commands;
  @Autowired PlanLocations locations;
  @Autowired Rclone rclone;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    history = new HistoryRuns(runs);
  }

  /** A MIRROR_WITH_REVISIONS plan whose destination holds {@link #KEPT} in its one revision. */
  PlanSnapshot planWithRevision(String name) {
    Path root = dir.resolve(name);
    FileTrees.writeFile(root.resolve("source"), "a.txt", "a now");
    Path destination = root.resolve("destination");
    FileTrees.writeFile(destination, "a.txt", "a now");
    KEPT.forEach(
        (path, content) ->
            FileTrees.writeFile(
                destination.resolve(".syncplan/revisions/" + REVISION), path, content));
    return TestPlans.between(root.resolve("source"), destination)
        .mode(SyncMode.MIRROR_WITH_REVISIONS)
        .build();
  }

  @Test
  void intoAMissingOrEmptyFolderTheRevisionIsCopiedWholeAndEachFileIsListed(CapturedOutput output)
      throws IOException {
    PlanSnapshot plan = planWithRevision("whole");
    Path whole = dir.resolve("whole-target");
    Path docs = Files.createDirectories(dir.resolve("docs-target"));

    RunFinished all = history.restore(plan, HistoryRuns.ofRevision("", REVISION, whole));
    RunFinished onlyDocs = history.restore(plan, HistoryRuns.ofRevision("docs", REVISION, docs));
    RunFinished nothing =
        history.restore(plan, HistoryRuns.ofRevision("absent", REVISION, dir.resolve("none")));
    RunFinished unknown =
        history.restore(
            plan, HistoryRuns.ofRevision("", "2020-01-01T00-00-00.000Z", dir.resolve("unknown")));

    assertThat(all.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(HistoryRuns.contents(whole)).isEqualTo(KEPT);
    assertThat(all.changes().added())
        .containsExactly("a.txt", "docs/b.txt", "docs/deep/c [1].txt", "top.txt");
    assertThat(all.changes().omitted()).isZero();
    assertThat(all.stats().filesAdded()).isEqualTo(4);
    assertThat(all.stats().filesSkipped()).isZero();
    assertThat(all.stats().bytesTransferred())
        .isEqualTo(KEPT.values().stream().mapToLong(String::length).sum());
    assertThat(onlyDocs.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(HistoryRuns.contents(docs))
        .isEqualTo(Map.of("docs/b.txt", "b as it was", "docs/deep/c [1].txt", "c as it was"));
    assertThat(onlyDocs.changes().added()).containsExactly("docs/b.txt", "docs/deep/c [1].txt");
    // rclone 1.66 and later name them in their change reports; before, the local target is read
    String namedBy =
        rclone.version().isModern() ? "(named by rclone's change reports)" : "(named by the target";
    assertThat(output.getAll())
        .contains(
            "Restore "
                + all.runId()
                + ": revision "
                + REVISION
                + " copied whole: 4 new, 0 skipped "
                + namedBy)
        .contains("Restore " + onlyDocs.runId() + ": revision " + REVISION + " copied whole");
    assertThat(nothing.status()).isEqualTo(RunStatus.FAILED);
    assertThat(nothing.error().reason()).isEqualTo(RestoreAttempt.NOTHING_TO_RESTORE);
    assertThat(dir.resolve("none")).doesNotExist();
    assertThat(unknown.error().reason()).isEqualTo(RestoreAttempt.REVISION_NOT_FOUND);
  }

  @Test
  void aTargetThatHoldsFilesIsListedFirstAndWhatItHoldsIsSkipped(CapturedOutput output) {
    PlanSnapshot plan = planWithRevision("filled");
    Path target = dir.resolve("filled-target");
    FileTrees.writeFile(target, "a.txt", "mine");
    FileTrees.writeFile(target, "other.txt", "not restored");

    RunFinished restored = history.restore(plan, HistoryRuns.ofRevision("", REVISION, target));

    assertThat(restored.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(restored.changes().skipped()).containsExactly("a.txt");
    assertThat(restored.changes().added())
        .containsExactly("docs/b.txt", "docs/deep/c [1].txt", "top.txt");
    assertThat(HistoryRuns.contents(target))
        .containsEntry("a.txt", "mine")
        .containsEntry("other.txt", "not restored")
        .containsEntry("top.txt", "top");
    assertThat(output.getAll())
        .contains("Restore " + restored.runId() + ": 3 new, 0 replaced, 1 skipped")
        .doesNotContain("Restore " + restored.runId() + ": revision");
  }

  @Test
  void theWholeCopyLeavesAFileTheTargetGainedAfterItWasFoundEmptyAndCountsItSkipped() {
    PlanSnapshot plan = planWithRevision("gained");
    Path target = dir.resolve("gained-target");
    // as if written between the look at the empty target and the copy
    FileTrees.writeFile(target, "a.txt", "gained meanwhile");
    String runId = "restore-" + UUID.randomUUID();
    RunRequested command = restore(runId, plan, HistoryRuns.ofRevision("", REVISION, target));

    AttemptResult result;
    try (RunWorkspace workspace = RunWorkspace.create(dir.resolve("work"), runId, 1)) {
      RestoreRclone steps =
          new RestoreRclone(controlled, commands, workspace, new RunControl(), plan.mode());
      result =
          RevisionFolderRestore.run(
              runId,
              command,
              locations.histories(plan),
              locations.target(plan, command.restore()),
              steps,
              ignored -> {});
    }

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(FileTrees.snapshot(target)).hasSize(4);
    assertThat(HistoryRuns.contents(target)).containsEntry("a.txt", "gained meanwhile");
    assertThat(result.stats().filesAdded()).isEqualTo(3);
    assertThat(result.stats().filesSkipped()).isEqualTo(1);
    if (rclone.version().isModern()) {
      assertThat(result.changes().added())
          .containsExactly("docs/b.txt", "docs/deep/c [1].txt", "top.txt");
      assertThat(result.changes().skipped()).containsExactly("a.txt");
    } else {
      // rclone 1.60 names no file it leaves alone, and a target holding a file the copy did not
      // write cannot tell which of its files are restored: counted, not listed
      assertThat(result.changes().added()).isEmpty();
      assertThat(result.changes().skipped()).isEmpty();
      assertThat(result.changes().omitted()).isEqualTo(4);
    }
  }

  @Test
  void aWholeCopyReportsProgressAndStopsOnCancel() {
    PlanSnapshot plan = planWithRevision("cancel");
    Path revision = dir.resolve("cancel/destination/.syncplan/revisions/" + REVISION);
    TestFiles.sized(revision.resolve("big.bin"), ExecutorTest.SLOW_FILE_BYTES / 2, 51);
    String runId = "restore-" + UUID.randomUUID();
    runs.send(
        restore(runId, plan, HistoryRuns.ofRevision("", REVISION, dir.resolve("cancelled"))),
        plan.pool());

    Envelope<Message> progress =
        runs.recorder()
            .awaitEnvelope(
                e -> runId.equals(e.runId()) && e.payload() instanceof RunProgress,
                RunDriver.RUN_TIMEOUT);
    runs.cancel(plan, runId);
    RunFinished cancelled = runs.awaitFinished(runId);

    assertThat(((RunProgress) progress.payload()).bytesTotal())
        .isGreaterThanOrEqualTo(ExecutorTest.SLOW_FILE_BYTES / 2);
    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.kind()).isEqualTo(RunKind.RESTORE);
  }

  private static RunRequested restore(String runId, PlanSnapshot plan, RestoreSpec restore) {
    return new RunRequested(
        runId, RunTrigger.MANUAL, Instant.now(), null, false, plan, RunKind.RESTORE, restore, null);
  }
}
