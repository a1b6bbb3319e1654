package io.syncplan.executor.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.contracts.storage.StorageTested;
import io.syncplan.executor.ExecutorServiceApplication;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.testsupport.LoopbackRemote;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;

/**
 * An executor under the network policy of a production deployment (no {@code
 * syncplan.network.allow}), in a pool of its own so that no other test's run comes to it: storages
 * on loopback, on private networks or at cloud metadata are refused before rclone starts.
 */
@WithKafkaAndMongo
@SpringBootTest(
    classes = ExecutorServiceApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.config.name=" + ExecutorServiceApplication.CONFIG_NAME,
      "syncplan.executor.pool=" + StorageNetworkPolicyTest.POOL,
      "syncplan.executor.id=locked-down-executor",
      "syncplan.executor.claim-interval=200ms",
      "syncplan.executor.work-dir=${java.io.tmpdir}/syncplan-executor-locked-down"
    })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class StorageNetworkPolicyTest {

  static final String POOL = "locked-down";

  @TempDir Path dir;
  @Autowired SecretCipher cipher;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    runs = RunDriver.of(infrastructure);
  }

  @Test
  void aRunFromAStorageOnALoopbackServerIsRefusedBeforeRcloneStarts(CapturedOutput log)
      throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    Files.writeString(served.resolve("secret-of-the-host.txt"), "internal");
    Path copy = dir.resolve("copy");
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.WEBDAV, served)) {
      PlanSnapshot plan =
          TestPlans.between(new Endpoint("", storage(remote)), Endpoint.local(copy.toString()))
              .pool(POOL)
              .build();

      RunFinished finished = runs.run(plan);

      assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
      assertThat(finished.error().reason()).isEqualTo("INVALID_PLAN");
      assertThat(finished.error().message())
          .isEqualTo(
              "source storage option url: 127.0.0.1:"
                  + remote.port()
                  + " is unreachable: refused by the network policy");
      assertThat(copy.resolve("secret-of-the-host.txt")).doesNotExist();
      assertThat(log.getOut()).contains("127.0.0.1, a loopback address");
    }
  }

  @Test
  void aStorageCheckAgainstCloudMetadataSaysOnlyThatItIsUnreachable() {
    StorageSpec metadata =
        new StorageSpec(
            "metadata",
            "metadata",
            "http",
            Map.of("url", "http://169.254.169.254/latest/meta-data/"),
            Map.of());
    String request = UUID.randomUUID().toString();

    runs.send(new StorageTestRequested(request, metadata, ""), POOL);

    StorageTested tested =
        runs.awaitResult(StorageTested.class, result -> result.requestId().equals(request));
    assertThat(tested.reachable()).isFalse();
    assertThat(tested.message())
        .isEqualTo(
            "storage storage option url: 169.254.169.254:80 is unreachable: refused by the"
                + " network policy");
  }

  private StorageSpec storage(LoopbackRemote remote) {
    return TestPlans.storage("storage-" + UUID.randomUUID(), "box", remote, cipher);
  }
}
