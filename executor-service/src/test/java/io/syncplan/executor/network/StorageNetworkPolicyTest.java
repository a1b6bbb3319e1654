package io.syncplan.executor.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.contracts.storage.StorageTested;
import io.syncplan.executor.ExecutorServiceApplication;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.support.network.HostResolver;
import io.syncplan.testsupport.LoopbackRemote;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * An executor under the network policy of a production deployment (no {@code
 * syncplan.network.allow}), in a pool of its own so that no other test's run comes to it: storages
 * on loopback, on private networks or at cloud metadata are refused before rclone starts, and a
 * name that passes the check but answers loopback when rclone connects is refused by the vetting
 * proxy.
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
@Import(StorageNetworkPolicyTest.RebindingName.class)
class StorageNetworkPolicyTest {

  static final String POOL = "locked-down";

  static final String REBINDING_NAME = "rebinding.test";

  @TempDir Path dir;
  @Autowired SecretCipher cipher;
  @Autowired MeterRegistry registry;
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

  @Test
  void aNameThatAnswersLoopbackWhenRcloneConnectsPassesTheCheckButIsRefusedByTheProxy(
      CapturedOutput log) throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    Files.writeString(served.resolve("secret-of-the-host.txt"), "internal");
    Path copy = dir.resolve("copy");
    double refusedBefore = refusedByProxy();
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.WEBDAV, served)) {
      StorageSpec storage = storage(remote);
      Map<String, String> options = new HashMap<>(storage.options());
      options.put("url", "http://" + REBINDING_NAME + ":" + remote.port());
      StorageSpec rebinding =
          new StorageSpec(storage.id(), storage.name(), storage.type(), options, storage.secrets());
      PlanSnapshot plan =
          TestPlans.between(new Endpoint("", rebinding), Endpoint.local(copy.toString()))
              .pool(POOL)
              .mode(SyncMode.COPY)
              .build();

      RunFinished finished = runs.run(plan);

      assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
      assertThat(finished.error().reason()).isNotEqualTo("INVALID_PLAN");
      assertThat(finished.error().message()).doesNotContain("127.0.0.1");
      assertThat(finished.error().logTail()).noneMatch(line -> line.contains("127.0.0.1"));
      assertThat(copy.resolve("secret-of-the-host.txt")).doesNotExist();
      assertThat(log.getOut())
          .contains(
              "rclone's connection to "
                  + REBINDING_NAME
                  + ":"
                  + remote.port()
                  + " is refused by the network policy: "
                  + REBINDING_NAME
                  + " resolves to 127.0.0.1, a loopback address");
    }
    assertThat(refusedByProxy() - refusedBefore).isGreaterThanOrEqualTo(1);
  }

  private double refusedByProxy() {
    return registry.counter(ProxyOutcomes.CONNECTIONS, "outcome", "refused").count();
  }

  /**
   * A rebinding DNS server's two answers, without a race: a public address to the executor's check
   * before rclone starts, loopback to the lookup the vetting proxy makes when rclone connects.
   */
  @TestConfiguration(proxyBeanMethods = false)
  static class RebindingName {

    @Bean
    HostResolver rebindingResolver() {
      return host -> {
        if (!host.equals(REBINDING_NAME)) {
          return HostResolver.SYSTEM.resolve(host);
        }
        boolean atConnection =
            Thread.currentThread().getName().startsWith(VettingProxy.THREAD_PREFIX);
        return List.of(InetAddress.getByName(atConnection ? "127.0.0.1" : "203.0.113.7"));
      };
    }
  }

  private StorageSpec storage(LoopbackRemote remote) {
    return TestPlans.storage("storage-" + UUID.randomUUID(), "box", remote, cipher);
  }
}
