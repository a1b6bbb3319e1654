package io.syncplan.executor.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.DestinationPurgeRequested;
import io.syncplan.contracts.plan.DestinationPurged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.bisync.BisyncStateStore;
import io.syncplan.executor.ledger.RunLedger;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Removing a deleted plan's destination, asked for on the pool's command topic, with real rclone on
 * real folders.
 */
@ExecutorTest
class DestinationPurgeTest {

  @TempDir Path dir;
  @Autowired BisyncStateStore bisyncState;
  @Autowired RunLedger ledger;
  @Autowired Clock clock;
  RunDriver runs;
  Path source;
  Path destination;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    source = dir.resolve("source");
    destination = dir.resolve("destination");
    FileTrees.write(source, 30, 4096, 7);
    FileTrees.write(destination, 20, 4096, 8);
    FileTrees.writeFile(destination, ".syncplan/revisions/2026-11-26T10-00-00.000Z/a.txt", "old");
  }

  @Test
  void aPurgeRemovesTheDestinationAndItsRevisionsAndLeavesTheSourceUnchanged() {
    PlanSnapshot plan =
        TestPlans.between(source, destination).mode(SyncMode.MIRROR_WITH_REVISIONS).build();
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);

    DestinationPurged purged = purge(plan);

    assertThat(purged.success()).isTrue();
    assertThat(purged.existed()).isTrue();
    assertThat(purged.error()).isNull();
    assertThat(destination.resolve(".syncplan/revisions")).doesNotExist();
    assertThat(destination).doesNotExist();
    assertThat(sourceBefore).hasSize(30);
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
  }

  @Test
  void aBisyncPurgeForgetsThePlansStoredStateToo() throws Exception {
    PlanSnapshot plan = TestPlans.between(source, destination).mode(SyncMode.BISYNC).build();
    Path state = Files.createDirectories(dir.resolve("state"));
    Files.writeString(state.resolve("plan.path1.lst"), "# bisync listing\n");
    bisyncState.save(plan.id(), state);
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);

    DestinationPurged purged = purge(plan);

    assertThat(purged.success()).isTrue();
    assertThat(destination).doesNotExist();
    assertThat(bisyncState.restore(plan.id(), dir.resolve("restored")))
        .isEqualTo(BisyncStateStore.Restored.NONE);
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
  }

  @Test
  void aPurgeOfADestinationThatIsNotThereSucceedsAndSaysSo() {
    PlanSnapshot plan = TestPlans.between(source, dir.resolve("never-created")).build();

    DestinationPurged purged = purge(plan);

    assertThat(purged.success()).isTrue();
    assertThat(purged.existed()).isFalse();
    assertThat(purged.error()).isNull();
  }

  @Test
  void aPurgeWhileTheSourceLiesInsideTheDestinationIsRefusedAndRemovesNothing() {
    PlanSnapshot plan = TestPlans.between(destination.resolve("inner"), destination).build();
    FileTrees.write(destination.resolve("inner"), 5, 1024, 9);
    SortedMap<String, String> before = FileTrees.snapshot(destination);

    DestinationPurged purged = purge(plan);

    assertThat(purged.success()).isFalse();
    assertThat(purged.error()).contains("source lies inside the destination");
    assertThat(FileTrees.snapshot(destination)).isEqualTo(before);
  }

  @Test
  void aPurgeNeverOverlapsARunOfThePlanAndSaysWhyItRefused() {
    PlanSnapshot plan = TestPlans.between(source, destination).build();
    SortedMap<String, String> before = FileTrees.snapshot(destination);
    String run = "run-" + UUID.randomUUID();
    // A run of the plan holds its lease (as a claim does) for longer than the purge will wait.
    assertThat(ledger.holdPlan(plan.id(), run, clock.instant().plus(Duration.ofHours(1))).block())
        .isTrue();
    try {
      DestinationPurged purged = purge(plan);

      assertThat(purged.success()).isFalse();
      assertThat(purged.error()).contains("a run of the plan is still active");
      assertThat(FileTrees.snapshot(destination)).isEqualTo(before);
    } finally {
      ledger.releasePlan(plan.id(), run).block();
    }
  }

  private DestinationPurged purge(PlanSnapshot plan) {
    String requestId = UUID.randomUUID().toString();
    runs.send(new DestinationPurgeRequested(requestId, plan, clock.instant()), Topics.DEFAULT_POOL);
    return runs.awaitResult(
        DestinationPurged.class, result -> result.requestId().equals(requestId));
  }
}
