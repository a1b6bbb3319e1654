package io.syncplan.executor.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.MessageCodec;
import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.contracts.storage.StorageTested;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.rclone.RcloneObscure;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.LoopbackS3;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.TestRclone;
import io.syncplan.testsupport.WithLoopbackS3;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An {@code s3} storage (provider {@code Other}, an endpoint, the access key and secret sealed)
 * against a real S3 API on loopback, in every mode, encrypted, tested, and with a wrong secret.
 */
@ExecutorTest
@WithLoopbackS3
@ExtendWith(OutputCaptureExtension.class)
class S3StorageTest {

  private static final String CRYPT_PASSWORD = "s3-crypt-password-that-must-stay-secret";

  @TempDir Path dir;
  @Autowired SecretCipher cipher;
  RunDriver runs;
  LoopbackS3 s3;
  String bucket;
  Path source;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure, LoopbackS3 s3) {
    this.runs = RunDriver.of(infrastructure);
    this.s3 = s3;
    this.bucket = s3.createBucket();
    this.source = dir.resolve("source");
  }

  @Test
  void mirrorKeepsABucketAnExactCopyAndCopyNeverDeletesFromIt() throws IOException {
    FileTrees.write(source, 15, 2048, 21);
    PlanSnapshot mirror =
        TestPlans.between(local(source), new Endpoint(bucket + "/mirror", storage())).build();
    PlanSnapshot copy =
        TestPlans.between(local(source), new Endpoint(bucket + "/copy", storage()))
            .mode(SyncMode.COPY)
            .build();
    assertThat(runs.run(mirror).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.run(copy).status()).isEqualTo(RunStatus.SUCCEEDED);
    String gone = FileTrees.snapshot(source).firstKey();
    Files.delete(source.resolve(gone));
    FileTrees.writeFile(source, "later.txt", "added later");
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);

    RunFinished mirrored = runs.run(mirror);
    RunFinished copied = runs.run(copy);

    assertThat(mirrored.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(mirrored.changes().added()).containsExactly("later.txt");
    assertThat(mirrored.changes().deleted()).containsExactly(gone);
    assertThat(mirrored.changes().modified()).isEmpty();
    assertThat(FileTrees.snapshot(s3.bucketFolder(bucket).resolve("mirror")))
        .isEqualTo(sourceBefore);
    assertThat(copied.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(copied.changes().added()).containsExactly("later.txt");
    assertThat(copied.changes().deleted()).isEmpty();
    assertThat(s3.bucketFolder(bucket).resolve("copy").resolve(gone)).exists();
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
  }

  @Test
  void mirrorWithRevisionsMovesOldVersionsIntoTheBucketsHistoryServerSide() throws IOException {
    FileTrees.writeFile(source, "report.txt", "first");
    FileTrees.writeFile(source, "docs/gone.txt", "deleted later");
    FileTrees.writeFile(source, "same.txt", "unchanged");
    PlanSnapshot plan =
        TestPlans.between(local(source), new Endpoint(bucket + "/history", storage()))
            .mode(SyncMode.MIRROR_WITH_REVISIONS)
            // One rclone pass, so that the change list below is rclone's log of it. With the guard,
            // the first pass (--max-delete 0) stops at the first move into the history, and on
            // rclone 1.60 a copy it finished just then can go unlogged; the second pass then finds
            // the file there and the list misses it (seen once under load; the guard's passes are
            // SafetyTest's subject).
            .deletionGuard(new DeletionGuard(false, 50, 10))
            .build();
    runs.run(plan);
    Files.writeString(source.resolve("report.txt"), "second, longer");
    Files.delete(source.resolve("docs/gone.txt"));
    FileTrees.writeFile(source, "new.txt", "new");

    RunFinished second = runs.run(plan);

    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(second.changes().added()).containsExactly("new.txt");
    assertThat(second.changes().modified()).containsExactly("report.txt");
    assertThat(second.changes().deleted()).containsExactly("docs/gone.txt");
    // rclone logs a server-side copy and a deletion for each: the old versions never left the
    // bucket.
    assertThat(second.changes().movedToRevisions())
        .containsExactlyInAnyOrder("report.txt", "docs/gone.txt");
    Path destination = s3.bucketFolder(bucket).resolve("history");
    assertThat(FileTrees.snapshot(destination, ".syncplan")).isEqualTo(FileTrees.snapshot(source));
    Map<String, String> history = contents(destination.resolve(".syncplan/revisions"));
    assertThat(history).hasSize(2);
    assertThat(history.entrySet())
        .anySatisfy(
            revision -> {
              assertThat(revision.getKey()).endsWith("/report.txt");
              assertThat(revision.getValue()).isEqualTo("first");
            })
        .anySatisfy(
            revision -> {
              assertThat(revision.getKey()).endsWith("/docs/gone.txt");
              assertThat(revision.getValue()).isEqualTo("deleted later");
            });
  }

  @Test
  void bisyncCarriesChangesBothWaysBetweenAFolderAndABucket() throws IOException {
    FileTrees.writeFile(source, "from-local.txt", "local");
    FileTrees.writeFile(source, "stays.txt", "on both sides");
    PlanSnapshot plan =
        TestPlans.between(local(source), new Endpoint(bucket + "/two-way", storage()))
            .mode(SyncMode.BISYNC)
            .build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    Path remote = s3.bucketFolder(bucket).resolve("two-way");
    // Written into the bucket as another S3 client would have put it there.
    Files.setLastModifiedTime(
        FileTrees.writeFile(remote, "from-bucket.txt", "bucket"),
        FileTime.from(Instant.now().plusSeconds(2)));
    Files.delete(source.resolve("from-local.txt"));

    RunFinished second = runs.run(plan);

    assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(second.changes().added()).containsExactly("from-bucket.txt");
    assertThat(second.changes().deleted()).containsExactly("from-local.txt");
    assertThat(source.resolve("from-bucket.txt")).hasContent("bucket");
    assertThat(remote.resolve("from-local.txt")).doesNotExist();
    assertThat(FileTrees.snapshot(remote)).isEqualTo(FileTrees.snapshot(source));
  }

  @Test
  void anEncryptedBucketHoldsOnlyCiphertextThatTheCryptPasswordOpens() throws Exception {
    FileTrees.writeFile(source, "payroll/salaries.csv", "alice,100");
    FileTrees.write(source.resolve("more"), 6, 4096, 22);
    PlanSnapshot plan =
        TestPlans.between(local(source), new Endpoint(bucket + "/vault", storage()))
            .encryption(cipher, CRYPT_PASSWORD, null)
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    Path vault = s3.bucketFolder(bucket).resolve("vault");
    assertThat(FileTrees.count(vault)).isEqualTo(FileTrees.count(source));
    for (String stored : FileTrees.snapshot(vault).keySet()) {
      assertThat(stored).doesNotContain("payroll", "salaries", "more");
    }
    for (String stored : FileTrees.snapshot(vault).keySet()) {
      assertThat(Files.readString(vault.resolve(stored), StandardCharsets.ISO_8859_1))
          .doesNotContain("alice");
    }
    Path opened = dir.resolve("opened");
    decrypt(bucket + "/vault", opened);
    assertThat(FileTrees.snapshot(opened)).isEqualTo(FileTrees.snapshot(source));
  }

  @Test
  void aStorageTestReachesTheBucketAndAWrongSecretIsRefusedClearly() {
    String right = UUID.randomUUID().toString();
    String wrong = UUID.randomUUID().toString();
    String mistyped = "mistyped-" + UUID.randomUUID();

    runs.send(new StorageTestRequested(right, storage(), bucket), Topics.DEFAULT_POOL);
    runs.send(
        new StorageTestRequested(wrong, storage(s3.secrets(mistyped)), bucket),
        Topics.DEFAULT_POOL);
    StorageTested reachable =
        runs.awaitResult(StorageTested.class, result -> result.requestId().equals(right));
    StorageTested refused =
        runs.awaitResult(StorageTested.class, result -> result.requestId().equals(wrong));

    assertThat(reachable.reachable()).as(reachable.message()).isTrue();
    assertThat(refused.reachable()).isFalse();
    assertThat(refused.message()).contains("SignatureDoesNotMatch").doesNotContain(mistyped);
  }

  @Test
  void aRunWithAWrongSecretFailsAtOnceSayingTheCredentialsWereRefusedAndNeverShowsThem(
      CapturedOutput output) throws IOException {
    FileTrees.writeFile(source, "a.txt", "a");
    String mistyped = "mistyped-" + UUID.randomUUID();
    PlanSnapshot plan =
        TestPlans.between(
                local(source), new Endpoint(bucket + "/denied", storage(s3.secrets(mistyped))))
            .build();

    RunFinished run = runs.run(plan);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error().reason()).isEqualTo("ACCESS_DENIED");
    assertThat(run.error().message())
        .contains("refused the plan's credentials", "SignatureDoesNotMatch");
    assertThat(run.attempts()).isEqualTo(1);
    MessageCodec codec = MessageCodec.shared();
    String published =
        runs.recorder().envelopes().stream()
            .map(envelope -> new String(codec.encode(envelope), StandardCharsets.UTF_8))
            .collect(Collectors.joining("\n"));
    assertThat(published).doesNotContain(mistyped);
    assertThat(output.getAll()).doesNotContain(mistyped);
    assertThat(s3.bucketFolder(bucket).resolve("denied")).doesNotExist();
  }

  private StorageSpec storage() {
    return storage(s3.secrets());
  }

  private StorageSpec storage(Map<String, String> clearSecrets) {
    String id = "s3-" + UUID.randomUUID();
    Map<String, SealedSecret> secrets = new HashMap<>();
    clearSecrets.forEach(
        (key, value) -> secrets.put(key, cipher.seal(value, SecretContext.storage(id, key))));
    return new StorageSpec(id, "bucket", "s3", s3.options(), secrets);
  }

  private static Endpoint local(Path path) {
    return Endpoint.local(path.toAbsolutePath().toString());
  }

  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> contents = new HashMap<>();
    for (String file : FileTrees.snapshot(root).keySet()) {
      contents.put(file, Files.readString(root.resolve(file)));
    }
    return contents;
  }

  /** Opens the vault through S3 with a crypt remote of its own, as a user restoring would. */
  private void decrypt(String vault, Path into) throws Exception {
    ProcessBuilder restore =
        new ProcessBuilder(
            TestRclone.binary(), "copy", "VAULT:", into.toString(), "--config", "/dev/null");
    Map<String, String> environment = restore.environment();
    // A CA bundle of the machine's would make rclone's S3 client refuse plain HTTP.
    environment.remove("AWS_CA_BUNDLE");
    environment.put("RCLONE_CONFIG_S3_TYPE", "s3");
    s3.options()
        .forEach((key, value) -> environment.put("RCLONE_CONFIG_S3_" + key.toUpperCase(), value));
    s3.secrets()
        .forEach((key, value) -> environment.put("RCLONE_CONFIG_S3_" + key.toUpperCase(), value));
    environment.put("RCLONE_CONFIG_VAULT_TYPE", "crypt");
    environment.put("RCLONE_CONFIG_VAULT_REMOTE", "S3:" + vault);
    environment.put("RCLONE_CONFIG_VAULT_PASSWORD", RcloneObscure.obscure(CRYPT_PASSWORD));
    Process process = restore.redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(log).isZero();
  }
}
