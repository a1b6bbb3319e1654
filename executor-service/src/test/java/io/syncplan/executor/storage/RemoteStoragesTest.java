package io.syncplan.executor.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.message.MessageCodec;
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
import io.syncplan.executor.rclone.RcloneCommand;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneObscure;
import io.syncplan.executor.rclone.Transfer;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.LoopbackRemote;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.TestRclone;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Storages as rclone remotes defined only by environment variables, against real servers on
 * loopback ({@code rclone serve sftp|webdav}), and encryption at rest; secrets never leave sealed.
 */
@ExecutorTest
@ExtendWith(OutputCaptureExtension.class)
class RemoteStoragesTest {

  private static final String CRYPT_PASSWORD = "crypt-password-that-must-stay-secret";
  private static final String CRYPT_SALT = "crypt-salt-that-must-stay-secret";

  @TempDir Path dir;
  @Autowired SecretCipher cipher;
  @Autowired RemoteFactory remotes;
  @Autowired RcloneCommandBuilder commands;
  RunDriver runs;
  Path source;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    source = dir.resolve("source");
  }

  @AfterEach
  void tearDown() {
    runs.close();
  }

  @Test
  void mirrorKeepsAnSftpDestinationAnExactCopy() throws IOException {
    Path served = dir.resolve("served");
    Files.createDirectories(served);
    FileTrees.write(source, 40, 2048, 11);
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.SFTP, served)) {
      PlanSnapshot plan =
          TestPlans.between(local(source), new Endpoint("backups/mirror", storage(remote))).build();
      assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
      Files.delete(source.resolve(firstFile(source)));
      FileTrees.writeFile(source, "later.txt", "added later");
      SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);

      RunFinished second = runs.run(plan);

      assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(second.stats().filesDeleted()).isEqualTo(1);
      assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
      assertThat(FileTrees.snapshot(served.resolve("backups/mirror"))).isEqualTo(sourceBefore);
    }
  }

  @Test
  void mirrorWithRevisionsKeepsTheHistoryOnAWebdavDestination() throws IOException {
    Path served = dir.resolve("served");
    Files.createDirectories(served);
    FileTrees.writeFile(source, "report.txt", "first");
    FileTrees.writeFile(source, "gone.txt", "deleted later");
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.WEBDAV, served)) {
      PlanSnapshot plan =
          TestPlans.between(local(source), new Endpoint("history", storage(remote)))
              .mode(SyncMode.MIRROR_WITH_REVISIONS)
              .build();
      runs.run(plan);
      Files.writeString(source.resolve("report.txt"), "second, longer");
      Files.delete(source.resolve("gone.txt"));
      SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);

      RunFinished second = runs.run(plan);

      assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
      Path destination = served.resolve("history");
      assertThat(FileTrees.snapshot(destination, ".syncplan")).isEqualTo(sourceBefore);
      assertThat(second.changes().movedToRevisions())
          .containsExactlyInAnyOrder("report.txt", "gone.txt");
      Map<String, String> revisions = contents(destination.resolve(".syncplan/revisions"));
      assertThat(revisions.values()).containsExactlyInAnyOrder("first", "deleted later");
    }
  }

  @Test
  void anEncryptedDestinationHoldsOnlyCiphertextThatTheCryptPasswordOpens() throws Exception {
    Path served = dir.resolve("served");
    Files.createDirectories(served);
    FileTrees.writeFile(source, "secret-plans/world-domination.txt", "step one: sync");
    FileTrees.write(source.resolve("more"), 10, 4096, 12);
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.SFTP, served)) {
      PlanSnapshot plan =
          TestPlans.between(local(source), new Endpoint("vault", storage(remote)))
              .encryption(cipher, CRYPT_PASSWORD, CRYPT_SALT)
              .build();

      RunFinished run = runs.run(plan);

      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      Path vault = served.resolve("vault");
      assertThat(FileTrees.count(vault)).isEqualTo(FileTrees.count(source));
      for (String stored : FileTrees.snapshot(vault).keySet()) {
        assertThat(stored).doesNotContain("secret-plans", "world-domination", "more");
      }
      assertThat(grep(vault, "step one")).isFalse();
      Path opened = dir.resolve("opened");
      decrypt(vault, opened);
      assertThat(FileTrees.snapshot(opened)).isEqualTo(FileTrees.snapshot(source));
    }
  }

  @Test
  void secretsReachRcloneOnlyAsEnvironmentVariablesAndPasswordsObscured() {
    StorageSpec storage =
        new StorageSpec(
            "s1",
            "box",
            "sftp",
            Map.of("host", "127.0.0.1", "user", "me"),
            Map.of("pass", cipher.seal("ssh-password", SecretContext.storage("s1", "pass"))));
    RcloneLocation destination =
        remotes.destination(
            TestPlans.between(local(dir), new Endpoint("dir", storage))
                .encryption(cipher, CRYPT_PASSWORD, null)
                .build());
    RcloneCommand command =
        commands.transfer(
            new Transfer(
                SyncMode.MIRROR,
                remotes.source(Endpoint.local(dir.toString())),
                destination,
                null,
                TestPlans.between(dir, dir).build().performance(),
                false,
                null,
                null,
                false,
                null));

    assertThat(String.join(" ", command.arguments()))
        .doesNotContain("ssh-password", CRYPT_PASSWORD, "127.0.0.1");
    assertThat(command.arguments()).contains(dir.toString(), "DSTCRYPT:");
    Map<String, String> environment = command.environment();
    assertThat(environment).containsEntry("RCLONE_CONFIG_DST_TYPE", "sftp");
    assertThat(environment).containsEntry("RCLONE_CONFIG_DST_HOST", "127.0.0.1");
    assertThat(environment).containsEntry("RCLONE_CONFIG_DSTCRYPT_REMOTE", "DST:dir");
    assertThat(RcloneObscure.reveal(environment.get("RCLONE_CONFIG_DST_PASS")))
        .isEqualTo("ssh-password");
    assertThat(RcloneObscure.reveal(environment.get("RCLONE_CONFIG_DSTCRYPT_PASSWORD")))
        .isEqualTo(CRYPT_PASSWORD);
    assertThat(command.toString()).doesNotContain("ssh-password", CRYPT_PASSWORD);
  }

  @Test
  void aFailingRunAgainstARemoteReportsWhyButNeverTheSecret(CapturedOutput output)
      throws IOException {
    Path served = dir.resolve("served");
    Files.createDirectories(served);
    FileTrees.writeFile(source, "a.txt", "a");
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.WEBDAV, served)) {
      String wrongPassword = "wrong-password-do-not-log";
      StorageSpec storage =
          new StorageSpec(
              "webdav-1",
              "dav",
              remote.type(),
              remote.options(),
              Map.of(
                  "pass", cipher.seal(wrongPassword, SecretContext.storage("webdav-1", "pass"))));
      PlanSnapshot plan =
          TestPlans.between(local(source), new Endpoint("target", storage))
              .encryption(cipher, CRYPT_PASSWORD, null)
              .build();

      RunFinished run = runs.run(plan);

      assertThat(run.status()).isEqualTo(RunStatus.FAILED);
      assertThat(run.error().message()).isNotBlank();
      MessageCodec codec = MessageCodec.shared();
      String published =
          runs.recorder().envelopes().stream()
              .map(envelope -> new String(codec.encode(envelope), StandardCharsets.UTF_8))
              .collect(Collectors.joining("\n"));
      for (String secret :
          List.of(wrongPassword, CRYPT_PASSWORD, remote.secrets().get("pass"), "RCLONE_CONFIG_")) {
        assertThat(published).doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(secret);
      }
    }
  }

  private StorageSpec storage(LoopbackRemote remote) {
    return TestPlans.storage(remote.type() + "-1", "loopback", remote, cipher);
  }

  private static Endpoint local(Path path) {
    return Endpoint.local(path.toAbsolutePath().toString());
  }

  private static String firstFile(Path root) {
    return FileTrees.snapshot(root).firstKey();
  }

  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> contents = new HashMap<>();
    for (String file : FileTrees.snapshot(root).keySet()) {
      contents.put(file, Files.readString(root.resolve(file)));
    }
    return contents;
  }

  private static boolean grep(Path root, String text) throws IOException {
    for (String file : FileTrees.snapshot(root).keySet()) {
      if (new String(Files.readAllBytes(root.resolve(file)), StandardCharsets.ISO_8859_1)
          .contains(text)) {
        return true;
      }
    }
    return false;
  }

  /** Opens the vault with a crypt remote of its own, as a user restoring a backup would. */
  private static void decrypt(Path vault, Path into) throws Exception {
    ProcessBuilder restore =
        new ProcessBuilder(
            TestRclone.binary(), "copy", "VAULT:", into.toString(), "--config", "/dev/null");
    restore.environment().put("RCLONE_CONFIG_VAULT_TYPE", "crypt");
    restore.environment().put("RCLONE_CONFIG_VAULT_REMOTE", vault.toString());
    restore
        .environment()
        .put("RCLONE_CONFIG_VAULT_PASSWORD", RcloneObscure.obscure(CRYPT_PASSWORD));
    restore.environment().put("RCLONE_CONFIG_VAULT_PASSWORD2", RcloneObscure.obscure(CRYPT_SALT));
    Process process = restore.redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log).isZero();
  }
}
