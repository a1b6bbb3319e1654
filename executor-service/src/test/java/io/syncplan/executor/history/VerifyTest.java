package io.syncplan.executor.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.VerifyMethod;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.HistoryRuns;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.FileTrees;
import io.syncplan.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** Verifications with real rclone on local folders, in clear and through crypt. */
@ExecutorTest
class VerifyTest {

  @TempDir Path dir;
  @Autowired SecretCipher cipher;
  RunDriver runs;
  HistoryRuns history;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
    history = new HistoryRuns(runs);
  }

  @AfterEach
  void tearDown() {
    runs.close();
  }

  @Test
  void anIdenticalDestinationSucceedsByEveryMethodAndEachKindOfDifferenceIsListedAsPartial()
      throws IOException {
    Path source = dir.resolve("source");
    Path destination = dir.resolve("destination");
    FileTrees.writeFile(source, "same.txt", "same");
    FileTrees.writeFile(source, "docs/altered.txt", "original");
    FileTrees.writeFile(source, "docs/lost.txt", "lost");
    PlanSnapshot plan = TestPlans.between(source, destination).mode(SyncMode.MIRROR).build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);

    for (VerifyMethod method : VerifyMethod.values()) {
      RunFinished identical = history.verify(plan, method);
      assertThat(identical.status()).as(method.name()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(identical.kind()).isEqualTo(RunKind.VERIFY);
      assertThat(identical.stats().filesMatching()).as(method.name()).isEqualTo(3);
      assertThat(identical.stats().differences()).isZero();
    }

    // the same size, other bytes: only a checksum or a download tells them apart
    Files.writeString(destination.resolve("docs/altered.txt"), "0riginal");
    Files.delete(destination.resolve("docs/lost.txt"));
    FileTrees.writeFile(destination, "extra.txt", "extra");
    SortedMap<String, String> sourceBefore = FileTrees.snapshot(source);
    SortedMap<String, String> destinationBefore = FileTrees.snapshot(destination);

    RunFinished bySize = history.verify(plan, VerifyMethod.SIZE);
    RunFinished byChecksum = history.verify(plan, VerifyMethod.CHECKSUM);
    RunFinished byDownload = history.verify(plan, VerifyMethod.DOWNLOAD);

    assertThat(bySize.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(bySize.changes().matching())
        .containsExactlyInAnyOrder("same.txt", "docs/altered.txt");
    assertThat(bySize.changes().missingAtDestination()).containsExactly("docs/lost.txt");
    assertThat(bySize.changes().extraAtDestination()).containsExactly("extra.txt");
    assertThat(bySize.stats().differences()).isEqualTo(2);
    for (RunFinished thorough : new RunFinished[] {byChecksum, byDownload}) {
      assertThat(thorough.status()).isEqualTo(RunStatus.PARTIAL);
      assertThat(thorough.error().reason()).isEqualTo("DIFFERENCES_FOUND");
      assertThat(thorough.changes().matching()).containsExactly("same.txt");
      assertThat(thorough.changes().differing()).containsExactly("docs/altered.txt");
      assertThat(thorough.changes().missingAtDestination()).containsExactly("docs/lost.txt");
      assertThat(thorough.changes().extraAtDestination()).containsExactly("extra.txt");
      assertThat(thorough.stats().filesDiffering()).isEqualTo(1);
      assertThat(thorough.stats().differences()).isEqualTo(3);
    }
    assertThat(FileTrees.snapshot(source)).isEqualTo(sourceBefore);
    assertThat(FileTrees.snapshot(destination)).isEqualTo(destinationBefore);
  }

  @Test
  void aCopyPlanKeepsFilesTheSourceNoLongerHasSoTheyAreNoDifference() throws IOException {
    Path source = dir.resolve("copy-source");
    Path destination = dir.resolve("copy-destination");
    FileTrees.writeFile(source, "a.txt", "a");
    PlanSnapshot plan = TestPlans.between(source, destination).mode(SyncMode.COPY).build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);
    FileTrees.writeFile(destination, "kept-by-design.txt", "old");

    RunFinished verified = history.verify(plan, VerifyMethod.CHECKSUM);

    assertThat(verified.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(verified.changes().extraAtDestination()).isEmpty();
  }

  @Test
  void throughEncryptionChecksumsAreComparedWithCryptcheckAndATamperedFileDiffers()
      throws IOException {
    Path source = dir.resolve("crypt-source");
    Path vault = dir.resolve("vault");
    FileTrees.writeFile(source, "secret/one.txt", "one, in clear at the source only");
    FileTrees.writeFile(source, "two.txt", "two");
    PlanSnapshot plan =
        TestPlans.between(source, vault)
            .mode(SyncMode.MIRROR)
            .encryption(cipher, "verify-crypt-password", null)
            .build();
    assertThat(runs.run(plan).status()).isEqualTo(RunStatus.SUCCEEDED);

    RunFinished identical = history.verify(plan, VerifyMethod.CHECKSUM);

    assertThat(identical.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(identical.changes().matching())
        .containsExactlyInAnyOrder("secret/one.txt", "two.txt");

    // one.txt's ciphertext is the longer: it is found by size, its name being encrypted
    Path stored = null;
    for (String name : FileTrees.snapshot(vault).keySet()) {
      if (stored == null || Files.size(vault.resolve(name)) > Files.size(stored)) {
        stored = vault.resolve(name);
      }
    }
    byte[] bytes = Files.readAllBytes(stored);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(stored, bytes);

    RunFinished tampered = history.verify(plan, VerifyMethod.CHECKSUM);

    assertThat(tampered.status()).isNotEqualTo(RunStatus.SUCCEEDED);
    assertThat(tampered.changes().differing()).containsExactly("secret/one.txt");
    assertThat(tampered.changes().matching()).containsExactly("two.txt");
  }
}
