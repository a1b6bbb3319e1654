package io.syncplan.executor.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanInitRequested;
import io.syncplan.contracts.plan.PlanInitialized;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.contracts.storage.StorageTested;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.LoopbackRemote;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Plan initialisation and storage tests, asked for on the pool's command topic. */
@ExecutorTest
class ControlCommandsTest {

  @TempDir Path dir;
  @Autowired SecretCipher cipher;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  @Test
  void initialisingAPlanCreatesItsDestinationAndHistoryFolderButNeverItsSource() {
    Path source = dir.resolve("not-yet-there");
    Path destination = dir.resolve("new/destination");
    PlanSnapshot plan =
        TestPlans.between(source, destination)
            .mode(SyncMode.MIRROR_WITH_REVISIONS)
            .version(3)
            .build();

    runs.send(new PlanInitRequested(plan), Topics.DEFAULT_POOL);
    PlanInitialized initialized =
        runs.awaitResult(PlanInitialized.class, result -> result.planId().equals(plan.id()));

    assertThat(initialized.ready()).isTrue();
    assertThat(initialized.reason()).isNull();
    assertThat(initialized.planVersion()).isEqualTo(3);
    assertThat(destination.resolve(".syncplan/revisions")).isDirectory();
    assertThat(source).doesNotExist();
  }

  @Test
  void aPlanWhoseDestinationCannotBeReachedIsNotReadyAndSaysWhy() throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.SFTP, served)) {
      remote.stop();
      PlanSnapshot plan =
          TestPlans.between(
                  Endpoint.local(dir.resolve("source").toString()),
                  new Endpoint("backup", storage(remote)))
              .build();

      runs.send(new PlanInitRequested(plan), Topics.DEFAULT_POOL);
      PlanInitialized initialized =
          runs.awaitResult(PlanInitialized.class, result -> result.planId().equals(plan.id()));

      assertThat(initialized.ready()).isFalse();
      assertThat(initialized.reason()).contains("destination", "connect");
    }
  }

  @Test
  void aStorageTestSaysWhetherTheStorageCanBeReachedFromThisPool() throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    Files.writeString(served.resolve("hello.txt"), "hi");
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.WEBDAV, served)) {
      StorageSpec storage = storage(remote);
      String up = UUID.randomUUID().toString();
      runs.send(new StorageTestRequested(up, storage, ""), Topics.DEFAULT_POOL);
      StorageTested reachable =
          runs.awaitResult(StorageTested.class, result -> result.requestId().equals(up));
      remote.stop();
      String down = UUID.randomUUID().toString();
      runs.send(new StorageTestRequested(down, storage, ""), Topics.DEFAULT_POOL);
      StorageTested unreachable =
          runs.awaitResult(StorageTested.class, result -> result.requestId().equals(down));

      assertThat(reachable.reachable()).isTrue();
      assertThat(reachable.message()).isNull();
      assertThat(reachable.storageId()).isEqualTo(storage.id());
      assertThat(reachable.executorId()).isEqualTo("test-executor");
      assertThat(unreachable.reachable()).isFalse();
      assertThat(unreachable.message()).contains("connection refused");
      assertThat(served.resolve("hello.txt")).hasContent("hi");
    }
  }

  private StorageSpec storage(LoopbackRemote remote) {
    return TestPlans.storage("storage-" + UUID.randomUUID(), "box", remote, cipher);
  }
}
