package io.syncplan.executor.revision;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.PlanChange;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RevisionCleanupRequested;
import io.syncplan.contracts.plan.RevisionPolicy;
import io.syncplan.contracts.plan.RevisionsCleaned;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.KafkaRecorder;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Expired revisions removed on demand and by the periodic job, on one executor at a time. */
@ExecutorTest
class RevisionRetentionTest {

  private static final Instant NOW = Instant.now();

  @TempDir Path dir;
  @Autowired RevisionRetentionJob job;
  @Autowired RevisionPlans plans;
  RunDriver runs;
  TestInfrastructure infrastructure;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    this.infrastructure = infrastructure;
    runs = RunDriver.of(infrastructure);
  }

  @Test
  void aCleanUpOnDemandRemovesFoldersPastTheAgeOrCountLimitAndNothingElse() throws IOException {
    Path destination = dir.resolve("destination");
    Path history = history(destination, 40, 35, 31, 9, 5, 3, 2, 1);
    FileTrees.writeFile(history, "not-ours/file.txt", "left alone");
    FileTrees.writeFile(destination, "mirrored.txt", "left alone");
    PlanSnapshot plan = revisionsPlan(destination, new RevisionPolicy(30, 4));
    String requestId = UUID.randomUUID().toString();

    runs.send(new RevisionCleanupRequested(requestId, plan), Topics.DEFAULT_POOL);
    RevisionsCleaned cleaned =
        runs.awaitResult(RevisionsCleaned.class, result -> requestId.equals(result.requestId()));

    assertThat(cleaned.error()).isNull();
    assertThat(cleaned.foldersRemoved()).isEqualTo(4);
    assertThat(cleaned.foldersKept()).isEqualTo(4);
    assertThat(folders(history))
        .containsExactlyInAnyOrder(name(3), name(2), name(1), name(5), "not-ours");
    assertThat(history.resolve(name(1) + "/file.txt")).exists();
    assertThat(destination.resolve("mirrored.txt")).exists();
  }

  @Test
  void thePeriodicJobCleansThePoolsRevisionPlansOnOneExecutorAtATime() throws Exception {
    Path destination = dir.resolve("job-destination");
    Path history = history(destination, 12, 11, 1);
    PlanSnapshot plan = revisionsPlan(destination, new RevisionPolicy(10, null));
    PlanSnapshot otherPool =
        TestPlans.between(dir.resolve("s"), dir.resolve("elsewhere"))
            .mode(SyncMode.MIRROR_WITH_REVISIONS)
            .pool("laptop-7")
            .build();
    try (KafkaRecorder planEvents = KafkaRecorder.record(infrastructure.bootstrapServers())) {
      for (PlanSnapshot snapshot : List.of(plan, otherPool)) {
        planEvents.send(
            Topics.PLAN_EVENTS,
            Envelope.wrap(
                new PlanChanged(PlanChange.CREATED, snapshot), "test", Clock.systemUTC()));
      }
    }
    Awaitility.await().atMost(RunDriver.RUN_TIMEOUT).until(() -> ids().contains(plan.id()));

    // Two executors of the pool fire at once: the lock lets one of them do the work.
    CompletableFuture<Optional<List<RevisionsCleaned>>> first =
        CompletableFuture.supplyAsync(job::runOnce);
    CompletableFuture<Optional<List<RevisionsCleaned>>> second =
        CompletableFuture.supplyAsync(job::runOnce);
    List<Optional<List<RevisionsCleaned>>> outcomes = List.of(first.get(), second.get());

    assertThat(outcomes).filteredOn(Optional::isPresent).hasSize(1);
    assertThat(job.runOnce()).as("the lock is held for a while after the run").isEmpty();
    assertThat(folders(history)).containsExactly(name(1));
    assertThat(ids()).doesNotContain(otherPool.id());
    RevisionsCleaned published =
        runs.awaitResult(RevisionsCleaned.class, result -> plan.id().equals(result.planId()));
    assertThat(published.requestId()).isNull();
    assertThat(published.foldersRemoved()).isEqualTo(2);
    assertThat(published.foldersKept()).isEqualTo(1);
  }

  private List<String> ids() {
    return plans.all().map(PlanSnapshot::id).collectList().block(Duration.ofSeconds(10));
  }

  private static PlanSnapshot revisionsPlan(Path destination, RevisionPolicy policy) {
    return TestPlans.between(destination.resolveSibling("source"), destination)
        .mode(SyncMode.MIRROR_WITH_REVISIONS)
        .revisions(policy)
        .build();
  }

  /** A revision history with one folder per age in days, each holding one file. */
  private static Path history(Path destination, int... ages) {
    Path history = destination.resolve(".syncplan/revisions");
    for (int days : ages) {
      FileTrees.writeFile(history, name(days) + "/file.txt", "revision of " + days + " days ago");
    }
    return history;
  }

  private static String name(int daysAgo) {
    return RevisionFolders.name(NOW.minus(Duration.ofDays(daysAgo)).plusSeconds(60));
  }

  private static List<String> folders(Path history) throws IOException {
    try (Stream<Path> children = Files.list(history)) {
      return children.map(path -> path.getFileName().toString()).toList();
    }
  }
}
