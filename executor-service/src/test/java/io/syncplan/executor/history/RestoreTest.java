package io.syncplan.executor.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.revision.CurrentVersionFound;
import io.syncplan.contracts.revision.CurrentVersionRequested;
import io.syncplan.contracts.revision.RevisionFile;
import io.syncplan.contracts.revision.RevisionIndexCompleted;
import io.syncplan.contracts.revision.RevisionIndexRequested;
import io.syncplan.contracts.revision.RevisionIndexed;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.HistoryRuns;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores with real rclone on local folders, from a MIRROR_WITH_REVISIONS plan with a history of
 * three runs: a.txt went v1, v2, v3; docs/b.txt was deleted by the second run; keep.txt never
 * changed. And from a BISYNC plan, whose history holds the losers of its conflicts. Remote
 * destinations are RemoteRestoreTest's.
 */
@ExecutorTest
class RestoreTest {

  static final Instant LONG_AGO = Instant.now().minus(Duration.ofHours(3));

  @TempDir Path dir;
  RunDriver runs;
  HistoryRuns history;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    history = new HistoryRuns(runs);
  }

  /** A plan and its history, with the instants between its runs. */
  record Story(
      PlanSnapshot plan,
      Path source,
      Path destination,
      Instant afterFirst,
      Instant afterSecond,
      RunFinished second,
      RunFinished third) {}

  Story story(String name) throws IOException {
    Path source = dir.resolve(name).resolve("source");
    Path destination = dir.resolve(name).resolve("destination");
    write(source, "a.txt", "v1", LONG_AGO);
    write(source, "keep.txt", "kept", LONG_AGO);
    write(source, "docs/b.txt", "b1", LONG_AGO);
    PlanSnapshot plan =
        TestPlans.between(source, destination).mode(SyncMode.MIRROR_WITH_REVISIONS).build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    Instant afterFirst = Instant.now();
    write(source, "a.txt", "v2 longer", LONG_AGO.plus(Duration.ofHours(1)));
    Files.delete(source.resolve("docs/b.txt"));
    RunFinished second = runs.run(plan);
    assertThat(second.stats().filesMovedToRevisions()).isEqualTo(2);
    Instant afterSecond = Instant.now();
    write(source, "a.txt", "v3 much longer", LONG_AGO.plus(Duration.ofHours(2)));
    RunFinished third = runs.run(plan);
    assertThat(third.stats().filesMovedToRevisions()).isEqualTo(1);
    return new Story(plan, source, destination, afterFirst, afterSecond, second, third);
  }

  static void write(Path root, String path, String content, Instant modified) throws IOException {
    Path file = FileTrees.writeFile(root, path, content);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  @Test
  void asOfAnInstantEachFileComesBackAsItWasThenAndARevisionBringsBackWhatItHolds()
      throws IOException {
    Story story = story("as-of");
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Path revision = dir.resolve("revision");
    Path docs = dir.resolve("docs");

    RunFinished asOfFirst =
        history.restore(story.plan(), HistoryRuns.asOf("", story.afterFirst(), first));
    RunFinished asOfSecond =
        history.restore(story.plan(), HistoryRuns.asOf("", story.afterSecond(), second));
    RunFinished ofRevision =
        history.restore(
            story.plan(),
            HistoryRuns.ofRevision("", RevisionFolders.name(story.second().startedAt()), revision));
    RunFinished onlyDocs =
        history.restore(story.plan(), HistoryRuns.asOf("docs", story.afterFirst(), docs));
    RunFinished tooEarly =
        history.restore(
            story.plan(),
            HistoryRuns.asOf("", LONG_AGO.minus(Duration.ofHours(1)), dir.resolve("early")));

    assertThat(asOfFirst.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(asOfFirst.kind()).isEqualTo(RunKind.RESTORE);
    assertThat(HistoryRuns.contents(first))
        .isEqualTo(Map.of("a.txt", "v1", "keep.txt", "kept", "docs/b.txt", "b1"));
    assertThat(asOfFirst.changes().added()).containsExactly("a.txt", "docs/b.txt", "keep.txt");
    assertThat(asOfFirst.stats().filesAdded()).isEqualTo(3);
    assertThat(HistoryRuns.contents(second))
        .isEqualTo(Map.of("a.txt", "v2 longer", "keep.txt", "kept"));
    assertThat(asOfSecond.stats().bytesTransferred()).isEqualTo("v2 longer".length() + 4);
    assertThat(HistoryRuns.contents(revision)).isEqualTo(Map.of("a.txt", "v1", "docs/b.txt", "b1"));
    assertThat(ofRevision.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(HistoryRuns.contents(docs)).isEqualTo(Map.of("docs/b.txt", "b1"));
    assertThat(onlyDocs.changes().added()).containsExactly("docs/b.txt");
    assertThat(tooEarly.status()).isEqualTo(RunStatus.FAILED);
    assertThat(tooEarly.error().reason()).isEqualTo("NOTHING_TO_RESTORE");
    assertThat(dir.resolve("early")).doesNotExist();
    assertThat(Files.readString(story.destination().resolve("a.txt"))).isEqualTo("v3 much longer");
  }

  @Test
  void withoutOverwriteAFileTheTargetHasIsSkippedAndWithItTheReplacedOneIsKeptInTheTargetsHistory()
      throws IOException {
    Story story = story("overwrite");
    Path target = dir.resolve("target");
    write(target, "a.txt", "mine", LONG_AGO);
    write(target, "newer.txt", "untouched, not restored", LONG_AGO);

    RunFinished skipped =
        history.restore(story.plan(), HistoryRuns.asOf("", story.afterSecond(), target));

    assertThat(skipped.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(skipped.changes().skipped()).containsExactly("a.txt");
    assertThat(skipped.stats().filesSkipped()).isEqualTo(1);
    assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("mine");
    assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("kept");

    write(target, "a.txt", "mine, and newer", Instant.now());
    RestoreSpec overwrite = overwrite(story, target, false);
    RunFinished keepsNewer = history.restore(story.plan(), overwrite);
    assertThat(keepsNewer.changes().skipped()).containsExactlyInAnyOrder("a.txt", "keep.txt");
    assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("mine, and newer");

    RunFinished replaced = history.restore(story.plan(), overwrite(story, target, true));

    assertThat(replaced.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(replaced.changes().modified()).containsExactly("a.txt");
    assertThat(replaced.changes().movedToRevisions()).containsExactly("a.txt");
    assertThat(replaced.changes().skipped()).containsExactly("keep.txt");
    assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("v2 longer");
    assertThat(HistoryRuns.contents(target.resolve(".syncplan/revisions")))
        .containsValue("mine, and newer");
    assertThat(Files.readString(target.resolve("newer.txt"))).isEqualTo("untouched, not restored");
  }

  private static RestoreSpec overwrite(Story story, Path target, boolean newerToo) {
    return new RestoreSpec(
        "",
        story.afterSecond(),
        null,
        RestoreTarget.at(io.syncplan.contracts.plan.Endpoint.local(target.toString())),
        true,
        newerToo);
  }

  @Test
  void intoThePlansDestinationAReplacedFileFirstMovesIntoItsHistoryWhichIsIndexed()
      throws IOException {
    Story story = story("destination");

    RunFinished restored =
        history.restore(
            story.plan(),
            new RestoreSpec("", story.afterFirst(), null, RestoreTarget.destination(), true, true));

    assertThat(restored.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(HistoryRuns.contents(story.destination(), ".syncplan"))
        .isEqualTo(Map.of("a.txt", "v1", "keep.txt", "kept", "docs/b.txt", "b1"));
    String revision = RevisionFolders.name(restored.startedAt());
    assertThat(
            Files.readString(
                story.destination().resolve(".syncplan/revisions/" + revision + "/a.txt")))
        .isEqualTo("v3 much longer");
    RevisionIndexed indexed =
        runs.awaitResult(
            RevisionIndexed.class,
            part -> part.planId().equals(story.plan().id()) && part.revision().equals(revision));
    assertThat(indexed.runId()).isEqualTo(restored.runId());
    assertThat(indexed.files()).extracting(file -> file.path()).containsExactly("a.txt");
    assertThat(indexed.files().get(0).size()).isEqualTo("v3 much longer".length());
  }

  @Test
  void intoTheSourceOnlyWhatIsMissingComesBackAndADryRunChangesNothing() throws IOException {
    Story story = story("source");
    Files.delete(story.source().resolve("keep.txt"));
    SortedMap<String, String> before = FileTrees.snapshot(story.source());

    RestoreSpec intoSource = new RestoreSpec("", null, null, RestoreTarget.source(), false, false);
    RunFinished dry = history.restore(story.plan(), intoSource, true);

    assertThat(dry.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(dry.changes().added()).containsExactly("keep.txt");
    assertThat(dry.changes().skipped()).containsExactly("a.txt");
    assertThat(FileTrees.snapshot(story.source())).isEqualTo(before);

    RunFinished restored = history.restore(story.plan(), intoSource);

    assertThat(restored.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(HistoryRuns.contents(story.source()))
        .isEqualTo(Map.of("a.txt", "v3 much longer", "keep.txt", "kept"));
    assertThat(story.source().resolve(".syncplan")).doesNotExist();
  }

  @Test
  void aBisyncConflictsLoserIsIndexedAndComesBackByRevisionAsOfBeforeTheRunOrOverTheWinner()
      throws IOException {
    Path one = dir.resolve("bisync").resolve("one");
    Path two = dir.resolve("bisync").resolve("two");
    write(one, "notes.txt", "original", LONG_AGO);
    write(one, "other.txt", "untouched", LONG_AGO);
    PlanSnapshot plan = TestPlans.between(one, two).mode(SyncMode.BISYNC).build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    write(one, "notes.txt", "edited on one", LONG_AGO.plus(Duration.ofHours(1)));
    write(two, "notes.txt", "edited on two, later", LONG_AGO.plus(Duration.ofHours(2)));
    Instant beforeConflict = Instant.now();
    RunFinished conflict = runs.run(plan);
    assertThat(conflict.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(conflict.changes().conflicts()).containsExactly("notes.txt");
    String revision = RevisionFolders.name(conflict.startedAt());
    Path ofRevision = dir.resolve("bisync-revision");
    Path asOf = dir.resolve("bisync-as-of");

    RevisionIndexed indexed =
        runs.awaitResult(
            RevisionIndexed.class,
            part -> part.planId().equals(plan.id()) && part.revision().equals(revision));
    RunFinished byRevision =
        history.restore(plan, HistoryRuns.ofRevision("", revision, ofRevision));
    RunFinished byInstant = history.restore(plan, HistoryRuns.asOf("", beforeConflict, asOf));
    RunFinished overWinner =
        history.restore(
            plan, new RestoreSpec("notes.txt", null, revision, RestoreTarget.source(), true, true));

    // the loser lost on side one (the source), so its history is the source's
    assertThat(indexed.runId()).isEqualTo(conflict.runId());
    assertThat(indexed.files())
        .extracting(RevisionFile::path, RevisionFile::size, RevisionFile::side)
        .containsExactly(
            tuple("notes.txt", (long) "edited on one".length(), RevisionFile.Side.SOURCE));
    assertThat(byRevision.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(HistoryRuns.contents(ofRevision)).isEqualTo(Map.of("notes.txt", "edited on one"));
    assertThat(byInstant.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(HistoryRuns.contents(asOf))
        .isEqualTo(Map.of("notes.txt", "edited on one", "other.txt", "untouched"));
    assertThat(overWinner.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(overWinner.changes().modified()).containsExactly("notes.txt");
    assertThat(Files.readString(one.resolve("notes.txt"))).isEqualTo("edited on one");
    String winnerKept =
        RevisionFolders.ROOT + "/" + RevisionFolders.name(overWinner.startedAt()) + "/notes.txt";
    assertThat(Files.readString(one.resolve(winnerKept))).isEqualTo("edited on two, later");
  }

  @Test
  void theHistoryIsIndexedAgainOnRequestAndTheDestinationSaysWhatItHoldsNow() throws IOException {
    Story story = story("index");

    String requestId = "index-" + java.util.UUID.randomUUID();
    runs.send(new RevisionIndexRequested(requestId, story.plan()), story.plan().pool());
    RevisionIndexCompleted completed =
        runs.awaitResult(RevisionIndexCompleted.class, done -> requestId.equals(done.requestId()));

    assertThat(completed.error()).isNull();
    assertThat(completed.revisions())
        .containsExactly(
            RevisionFolders.name(story.second().startedAt()),
            RevisionFolders.name(story.third().startedAt()));

    CurrentVersionFound current = current(story, "a.txt");
    assertThat(current.exists()).isTrue();
    assertThat(current.size()).isEqualTo("v3 much longer".length());
    assertThat(current.modifiedAt()).isEqualTo(LONG_AGO.plus(Duration.ofHours(2)));
    assertThat(current(story, "docs/b.txt").exists()).isFalse();
    CurrentVersionFound refused = current(story, "../outside.txt");
    assertThat(refused.exists()).isFalse();
    assertThat(refused.error()).contains("path");
  }

  private CurrentVersionFound current(Story story, String path) {
    String requestId = "current-" + java.util.UUID.randomUUID();
    runs.send(new CurrentVersionRequested(requestId, story.plan(), path), story.plan().pool());
    return runs.awaitResult(
        CurrentVersionFound.class, found -> requestId.equals(found.requestId()));
  }
}
