package io.syncplan.executor.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.LoopbackRemote;
import io.syncplan.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Wrapper storages build on other syncplan storages, which the executor resolves itself from the
 * storages the snapshot carries: by id or by name, through several wrappers, never in a circle.
 */
@ExecutorTest
class WrapperStoragesTest {

  @TempDir Path dir;
  @Autowired SecretCipher cipher;
  @Autowired RemoteFactory remotes;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  @Test
  void aCryptOverAnAliasOverAnSftpStorageWritesOnlyCiphertextWhereTheAliasPoints()
      throws Exception {
    Path source = dir.resolve("source");
    FileTrees.writeFile(source, "plans/secret.txt", "the plans");
    Path served = dir.resolve("served");
    Files.createDirectories(served);
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.SFTP, served)) {
      StorageSpec sftp = sftp(remote);
      StorageSpec alias =
          new StorageSpec(
              "alias-1", "Offsite Alias", "alias", Map.of("remote", "nas/vaults"), Map.of());
      StorageSpec crypt =
          new StorageSpec(
              "crypt-1",
              "vault",
              "crypt",
              Map.of("remote", "offsite alias/team"),
              Map.of(
                  "password",
                  cipher.seal("crypt-password", SecretContext.storage("crypt-1", "password"))),
              List.of(alias, sftp));
      PlanSnapshot plan =
          TestPlans.between(Endpoint.local(source.toString()), new Endpoint("docs", crypt))
              .mode(SyncMode.COPY)
              .build();

      RunFinished run = runs.run(plan);

      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      Path written = served.resolve("vaults/team");
      assertThat(FileTrees.count(written)).isEqualTo(1);
      assertThat(FileTrees.snapshot(written).keySet()).noneMatch(name -> name.contains("secret"));
    }
  }

  @Test
  void aWrapperThatLeadsBackToItselfIsRefusedBeforeRcloneStarts() {
    StorageSpec second =
        new StorageSpec("alias-b", "b", "alias", Map.of("remote", "alias-a/x"), Map.of());
    StorageSpec first =
        new StorageSpec(
            "alias-a", "a", "alias", Map.of("remote", "b/y"), Map.of(), List.of(second));
    PlanSnapshot plan =
        TestPlans.between(Endpoint.local(dir.toString()), new Endpoint("z", first))
            .mode(SyncMode.COPY)
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("INVALID_PLAN");
    assertThat(run.error().message()).contains("builds on itself: alias-a -> alias-b -> alias-a");
  }

  @Test
  void aWrapperNamingAStorageItsSnapshotDoesNotCarryIsRefused() {
    StorageSpec alias =
        new StorageSpec("alias-c", "c", "alias", Map.of("remote", "somewhere"), Map.of());

    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> remotes.storage(alias, "")))
        .hasMessageContaining("builds on storage 'somewhere', which its plan does not carry");
  }

  @Test
  void aLocalStorageAWrapperNamesMustLieInsideTheLocalRoots() {
    StorageSpec disk = new StorageSpec("disk-1", "disk", "local", Map.of(), Map.of());
    StorageSpec inside =
        new StorageSpec(
            "alias-d", "d", "alias", Map.of("remote", "disk" + dir), Map.of(), List.of(disk));
    StorageSpec outside =
        new StorageSpec(
            "alias-e", "e", "alias", Map.of("remote", "disk/etc"), Map.of(), List.of(disk));

    assertThat(remotes.storage(inside, "").environment())
        .containsEntry("RCLONE_CONFIG_STORAGE_REMOTE", "STORAGE_1:" + dir);
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> remotes.storage(outside, "")))
        .hasMessageContaining("/etc is outside the local roots");
  }

  private StorageSpec sftp(LoopbackRemote remote) {
    return TestPlans.storage("sftp-1", "nas", remote, cipher);
  }
}
