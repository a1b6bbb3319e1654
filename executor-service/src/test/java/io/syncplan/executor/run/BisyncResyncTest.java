package io.syncplan.executor.run;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.ResyncChanges;
import io.syncplan.contracts.run.ResyncNeeded;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * BISYNC's state is never rebuilt behind the user's back: a state that is gone or unreadable, or
 * one bisync cannot use, puts the plan into NEEDS_RESYNC and its runs are refused until a resync
 * (previewed first) succeeds; a resync keeps every file of either side and the newer of two
 * versions, with the older in its side's history.
 */
@ExecutorTest
class BisyncResyncTest {

  @TempDir Path dir;
  @Autowired MongoDatabase executorDatabase;
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
  void aStateThatIsGoneMakesThePlanNeedAResyncAndItsRunsAreRefusedUntilAResyncSucceeds()
      throws IOException {
    FileTrees.writeFile(one, "kept.txt", "kept");
    FileTrees.writeFile(one, "deleted-later.txt", "doomed");
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    Files.delete(one.resolve("deleted-later.txt"));
    executorDatabase
        .getCollection("bisync_state.files")
        .deleteMany(eq("metadata.planId", plan.id()));

    String foundBy = runs.request(plan);
    RunFinished found = runs.awaitFinished(foundBy);

    assertThat(found.status()).isEqualTo(RunStatus.FAILED);
    assertThat(found.error().reason()).isEqualTo("BISYNC_NEEDS_RESYNC");
    assertThat(found.error().message()).contains("STATE_MISSING", "/resync?preview=true");
    assertThat(found.attempts()).isEqualTo(1);
    // announced once, before the run's outcome
    List<Message> events = runs.events(foundBy).stream().map(Envelope::payload).toList();
    assertThat(events).filteredOn(ResyncNeeded.class::isInstance).hasSize(1);
    ResyncNeeded needed =
        (ResyncNeeded)
            events.stream().filter(ResyncNeeded.class::isInstance).findFirst().orElseThrow();
    assertThat(needed.cause()).isEqualTo(ResyncNeeded.STATE_MISSING);
    assertThat(needed.planId()).isEqualTo(plan.id());
    assertThat(events.indexOf(needed)).isLessThan(events.indexOf(found));
    // nothing was resynced: the deletion did not come back
    assertThat(one.resolve("deleted-later.txt")).doesNotExist();
    assertThat(two.resolve("deleted-later.txt")).exists();

    String refusedRun = runs.request(plan);
    RunFinished refused = runs.awaitFinished(refusedRun);
    RunFinished refusedDryRun = runs.dryRun(plan);

    for (RunFinished run : List.of(refused, refusedDryRun)) {
      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.error().reason()).isEqualTo("BISYNC_NEEDS_RESYNC");
      assertThat(run.error().message()).contains("STATE_MISSING", needed.since().toString());
    }
    assertThat(runs.events(refusedRun)).noneMatch(e -> e.payload() instanceof ResyncNeeded);
    assertThat(one.resolve("deleted-later.txt")).doesNotExist();

    RunFinished preview = resync(plan, true);

    assertThat(preview.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(preview.dryRun()).isTrue();
    assertThat(preview.changes().resync())
        .isEqualTo(
            new ResyncChanges(List.of("deleted-later.txt"), List.of(), List.of(), List.of()));
    assertThat(one.resolve("deleted-later.txt")).doesNotExist();

    RunFinished resynced = resync(plan, false);

    assertThat(resynced.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(resynced.changes().added()).containsExactly("deleted-later.txt");
    assertThat(FileTrees.snapshot(one)).isEqualTo(FileTrees.snapshot(two));
    RunFinished next = runs.run(plan);
    assertThat(next.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(next.stats().changedAnything()).isFalse();
  }

  @Test
  void aStateThatCannotBeReadMakesThePlanNeedAResync() throws IOException {
    FileTrees.writeFile(one, "a.txt", "a");
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    List<Object> fileIds =
        executorDatabase
            .getCollection("bisync_state.files")
            .find(eq("metadata.planId", plan.id()))
            .map(file -> file.get("_id"))
            .into(new java.util.ArrayList<>());
    for (Object fileId : fileIds) {
      executorDatabase
          .getCollection("bisync_state.chunks")
          .updateMany(
              eq("files_id", fileId), Updates.set("data", new Binary(new byte[] {1, 2, 3})));
    }

    String runId = runs.request(plan);
    RunFinished run = runs.awaitFinished(runId);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("BISYNC_NEEDS_RESYNC");
    assertThat(runs.awaitResult(ResyncNeeded.class, needed -> runId.equals(needed.runId())).cause())
        .isEqualTo(ResyncNeeded.STATE_CORRUPT);
  }

  @Test
  void aStateBisyncCannotUseMakesThePlanNeedAResyncWithBisyncsOwnWords() throws IOException {
    FileTrees.writeFile(one, "a.txt", "a");
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    // The plan now names another destination: the saved listings are of the old pair of folders.
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    FileTrees.writeFile(elsewhere, "b.txt", "b");
    PlanSnapshot moved =
        TestPlans.between(one, elsewhere).id(plan.id()).mode(SyncMode.BISYNC).build();

    String runId = runs.request(moved);
    RunFinished run = runs.awaitFinished(runId);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("BISYNC_NEEDS_RESYNC");
    assertThat(run.error().message()).contains("cannot find prior Path1 or Path2 listings");
    assertThat(run.error().exitCode()).isNotNull();
    assertThat(runs.awaitResult(ResyncNeeded.class, needed -> runId.equals(needed.runId())).cause())
        .isEqualTo(ResyncNeeded.STATE_MISSING);
    assertThat(FileTrees.snapshot(elsewhere).keySet()).containsExactly("b.txt");
  }

  @Test
  void aResyncKeepsEveryFileOfEitherSideAndTheNewerOfTwoVersionsWithTheOlderInItsHistory()
      throws IOException {
    FileTrees.writeFile(one, "only-on-one.txt", "1");
    FileTrees.writeFile(one, "docs/only-on-one.txt", "1");
    FileTrees.writeFile(two, "only-on-two.txt", "2");
    FileTrees.writeFile(one, "same.txt", "same");
    FileTrees.writeFile(two, "same.txt", "same");
    Instant older = Instant.parse("2024-01-01T00:00:00Z");
    Instant newer = Instant.parse("2025-01-01T00:00:00Z");
    modified(FileTrees.writeFile(one, "newer-on-two.txt", "old one"), older);
    modified(FileTrees.writeFile(two, "newer-on-two.txt", "new two, longer"), newer);
    modified(FileTrees.writeFile(one, "newer-on-one.txt", "new one, longer"), newer);
    modified(FileTrees.writeFile(two, "newer-on-one.txt", "old two"), older);
    modified(FileTrees.writeFile(one, "same.txt", "same"), older);
    modified(FileTrees.writeFile(two, "same.txt", "same"), older);
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    SortedMap<String, String> oneBefore = FileTrees.snapshot(one);
    SortedMap<String, String> twoBefore = FileTrees.snapshot(two);
    ResyncChanges expected =
        new ResyncChanges(
            List.of("only-on-two.txt"),
            List.of("newer-on-two.txt"),
            List.of("docs/only-on-one.txt", "only-on-one.txt"),
            List.of("newer-on-one.txt"));

    RunFinished preview = resync(plan, true);

    assertThat(preview.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(sorted(preview.changes().resync())).isEqualTo(expected);
    assertThat(FileTrees.snapshot(one)).isEqualTo(oneBefore);
    assertThat(FileTrees.snapshot(two)).isEqualTo(twoBefore);

    // the plan's first run is a resync
    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(sorted(run.changes().resync())).isEqualTo(expected);
    assertThat(run.changes().added())
        .containsExactlyInAnyOrder("only-on-two.txt", "only-on-one.txt", "docs/only-on-one.txt");
    assertThat(run.changes().modified())
        .containsExactlyInAnyOrder("newer-on-two.txt", "newer-on-one.txt");
    assertThat(run.changes().movedToRevisions())
        .containsExactlyInAnyOrder("newer-on-two.txt", "newer-on-one.txt");
    assertThat(run.changes().deleted()).isEmpty();
    assertThat(FileTrees.snapshot(one, ".syncplan"))
        .isEqualTo(FileTrees.snapshot(two, ".syncplan"));
    assertThat(one.resolve("newer-on-two.txt")).hasContent("new two, longer");
    assertThat(two.resolve("newer-on-one.txt")).hasContent("new one, longer");
    String history = RevisionFolders.ROOT + "/" + RevisionFolders.name(run.startedAt()) + "/";
    assertThat(one.resolve(history + "newer-on-two.txt")).hasContent("old one");
    assertThat(two.resolve(history + "newer-on-one.txt")).hasContent("old two");
  }

  private RunFinished resync(PlanSnapshot plan, boolean preview) {
    return runs.awaitFinished(runs.request(plan, preview, null, RunTrigger.RESYNC));
  }

  private static ResyncChanges sorted(ResyncChanges changes) {
    return new ResyncChanges(
        changes.addedToPath1().stream().sorted().toList(),
        changes.replacedOnPath1().stream().sorted().toList(),
        changes.addedToPath2().stream().sorted().toList(),
        changes.replacedOnPath2().stream().sorted().toList());
  }

  private static void modified(Path file, Instant at) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(at));
  }
}
