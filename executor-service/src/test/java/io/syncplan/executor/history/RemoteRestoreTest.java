package io.syncplan.executor.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.HistoryRuns;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.LoopbackRemote;
import io.syncplan.testsupport.LoopbackS3;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithLoopbackS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Restores with real rclone from a MIRROR_WITH_REVISIONS plan whose destination is a real remote on
 * loopback: SFTP ({@code rclone serve sftp}), S3 (S3Proxy) and a crypt remote (over a local folder,
 * so that the history itself is ciphertext). One SFTP server serves the whole class; the S3 server
 * is the JVM's. Each kind's history: a.txt went v1, v2; docs/b.txt was deleted by the second run;
 * keep.txt never changed.
 */
@ExecutorTest
@WithLoopbackS3
@ExtendWith(OutputCaptureExtension.class)
class RemoteRestoreTest {

  static final Instant LONG_AGO = Instant.now().minus(Duration.ofHours(3));
  static final String CRYPT_PASSWORD = "restore-crypt-password-that-must-stay-secret";

  /** Where the plan's destination is. */
  enum Kind {
    SFTP,
    S3,
    CRYPT
  }

  /** A plan's destination, and the folder its bytes land in (ciphertext for CRYPT). */
  record Destination(Endpoint endpoint, Path stored) {

    /** A folder beside it on the same storage. */
    Destination beside(String name) {
      return new Destination(
          new Endpoint(endpoint.path() + "-" + name, endpoint.storage()),
          stored.resolveSibling(stored.getFileName() + "-" + name));
    }
  }

  @TempDir static Path dir;
  static LoopbackRemote sftp;

  @Autowired SecretCipher cipher;
  RunDriver runs;
  HistoryRuns history;
  LoopbackS3 s3;

  @BeforeAll
  static void serveSftp() throws IOException {
    sftp =
        LoopbackRemote.serve(
            LoopbackRemote.Kind.SFTP, Files.createDirectories(dir.resolve("sftp")));
  }

  @AfterAll
  static void stopSftp() {
    sftp.close();
  }

  @BeforeEach
  void setUp(TestInfrastructure infrastructure, LoopbackS3 s3) {
    runs = RunDriver.of(infrastructure);
    history = new HistoryRuns(runs);
    this.s3 = s3;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRevisionAndAnInstantComeBackIntoEmptyFoldersAndAFileTheTargetHasIsSkipped(
      Kind kind, CapturedOutput output) throws IOException {
    Path root = dir.resolve(kind.name());
    Path source = root.resolve("source");
    write(source, "a.txt", "v1", LONG_AGO);
    write(source, "keep.txt", "kept", LONG_AGO);
    write(source, "docs/b.txt", "b1", LONG_AGO);
    Destination destination = destination(kind, root);
    TestPlans plans =
        TestPlans.between(Endpoint.local(source.toString()), destination.endpoint())
            .mode(SyncMode.MIRROR_WITH_REVISIONS);
    if (kind == Kind.CRYPT) {
      plans.encryption(cipher, CRYPT_PASSWORD, null);
    }
    PlanSnapshot plan = plans.build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    Instant afterFirst = Instant.now();
    write(source, "a.txt", "v2 longer", LONG_AGO.plus(Duration.ofHours(1)));
    Files.delete(source.resolve("docs/b.txt"));
    RunFinished second = runs.run(plan);
    assertThat(second.stats().filesMovedToRevisions()).isEqualTo(2);
    String revision = RevisionFolders.name(second.startedAt());
    SortedMap<String, String> storedBefore = FileTrees.snapshot(destination.stored());
    Path ofRevision = root.resolve("of-revision");
    Path asOf = root.resolve("as-of");

    RunFinished byRevision =
        history.restore(plan, HistoryRuns.ofRevision("", revision, ofRevision));
    RunFinished byInstant = history.restore(plan, HistoryRuns.asOf("", afterFirst, asOf));
    // as of now, into the folder the revision filled: its a.txt (v1) stays
    RunFinished intoFilled = history.restore(plan, HistoryRuns.asOf("", Instant.now(), ofRevision));

    assertThat(byRevision.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(byRevision.changes().added()).containsExactly("a.txt", "docs/b.txt");
    assertThat(output.getAll())
        .as("into a missing folder, the revision is copied whole, through the plan's remote")
        .contains("Restore " + byRevision.runId() + ": revision " + revision + " copied whole");
    assertThat(byInstant.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(HistoryRuns.contents(asOf))
        .isEqualTo(Map.of("a.txt", "v1", "keep.txt", "kept", "docs/b.txt", "b1"));
    assertThat(intoFilled.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(intoFilled.changes().skipped()).containsExactly("a.txt");
    assertThat(intoFilled.changes().added()).containsExactly("keep.txt");
    assertThat(intoFilled.stats().filesSkipped()).isEqualTo(1);
    assertThat(HistoryRuns.contents(ofRevision))
        .isEqualTo(Map.of("a.txt", "v1", "keep.txt", "kept", "docs/b.txt", "b1"));
    assertThat(FileTrees.snapshot(destination.stored()))
        .as("a restore reads the destination and its history, and writes nothing there")
        .isEqualTo(storedBefore);
    if (kind != Kind.CRYPT) {
      // a target on a storage is looked at by rclone: missing, then holding what came back
      Destination restored = destination.beside("restored");
      RestoreSpec intoStorage =
          new RestoreSpec(
              "docs", null, revision, RestoreTarget.at(restored.endpoint()), false, false);
      RunFinished intoMissing = history.restore(plan, intoStorage);
      RunFinished intoHolding = history.restore(plan, intoStorage);
      assertThat(intoMissing.changes().added()).containsExactly("docs/b.txt");
      assertThat(HistoryRuns.contents(restored.stored())).isEqualTo(Map.of("docs/b.txt", "b1"));
      assertThat(intoHolding.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(intoHolding.changes().skipped()).containsExactly("docs/b.txt");
      assertThat(output.getAll())
          .contains("Restore " + intoMissing.runId() + ": revision " + revision + " copied whole")
          .doesNotContain("Restore " + intoHolding.runId() + ": revision");
    }
    if (kind == Kind.CRYPT) {
      assertThat(storedBefore.keySet())
          .allSatisfy(
              name -> assertThat(name).doesNotContain("a.txt", "b.txt", "keep.txt", "syncplan"));
    }
  }

  private Destination destination(Kind kind, Path root) throws IOException {
    return switch (kind) {
      case SFTP -> {
        String path = "restore-" + UUID.randomUUID();
        yield new Destination(
            new Endpoint(path, TestPlans.storage("sftp-restore", "loopback", sftp, cipher)),
            dir.resolve("sftp").resolve(path));
      }
      case S3 -> {
        String bucket = s3.createBucket();
        yield new Destination(
            new Endpoint(bucket + "/history", s3Storage()),
            s3.bucketFolder(bucket).resolve("history"));
      }
      case CRYPT -> {
        Path vault = Files.createDirectories(root.resolve("vault"));
        yield new Destination(Endpoint.local(vault.toString()), vault);
      }
    };
  }

  private StorageSpec s3Storage() {
    String id = "s3-restore-" + UUID.randomUUID();
    Map<String, SealedSecret> secrets = new HashMap<>();
    s3.secrets()
        .forEach(
            (key, value) -> secrets.put(key, cipher.seal(value, SecretContext.storage(id, key))));
    return new StorageSpec(id, "bucket", "s3", s3.options(), secrets);
  }

  static void write(Path root, String path, String content, Instant modified) throws IOException {
    RestoreTest.write(root, path, content, modified);
  }
}
