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
import io.syncplan.executor.ExecutorTest;
import io.syncplan.executor.RunDriver;
import io.syncplan.executor.TestPlans;
import io.syncplan.executor.rclone.Rclone;
import io.syncplan.testsupport.LoopbackRemote;
import io.syncplan.testsupport.TestInfrastructure;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Real rclone (the one under test) reaches a real WebDAV server on loopback through the executor's
 * vetting proxy. The storage names the server by a host name that resolves to loopback ({@code vm}
 * in this machine's /etc/hosts), since Go sends nothing to a proxy for {@code localhost} or a
 * loopback address written as digits (rclone older than 1.71). From rclone 1.75, sftp goes through
 * it too.
 */
@ExecutorTest
class RcloneThroughProxyTest {

  /** A name, not an address, that resolves to loopback only. */
  static final String LOOPBACK_NAME = "vm";

  @TempDir Path dir;
  @Autowired SecretCipher cipher;
  @Autowired MeterRegistry registry;
  @Autowired Rclone rclone;
  RunDriver runs;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) throws Exception {
    runs = RunDriver.of(infrastructure);
    assertThat(Arrays.stream(InetAddress.getAllByName(LOOPBACK_NAME)))
        .as("this test needs '%s' to resolve to loopback only (/etc/hosts)", LOOPBACK_NAME)
        .allMatch(InetAddress::isLoopbackAddress);
  }

  @Test
  void rcloneReachesAWebdavServerThroughTheVettingProxyOneCheckedConnectionPerRequest()
      throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    Files.writeString(served.resolve("report.txt"), "through the proxy");
    Path copy = dir.resolve("copy");
    double pinnedBefore = pinned();
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.WEBDAV, served)) {
      PlanSnapshot plan =
          TestPlans.between(new Endpoint("", byName(remote)), Endpoint.local(copy.toString()))
              .mode(SyncMode.COPY)
              .build();

      RunFinished finished = runs.run(plan);

      assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(copy.resolve("report.txt")).hasContent("through the proxy");
    }
    // at least the listing and the download, each on a connection of its own
    assertThat(pinned() - pinnedBefore).isGreaterThanOrEqualTo(2);
  }

  @Test
  void fromRclone175SftpTunnelsThroughTheVettingProxyBeforeItOnlyTheCheckApplies()
      throws Exception {
    Path served = Files.createDirectories(dir.resolve("served"));
    Files.writeString(served.resolve("report.txt"), "over ssh");
    Path copy = dir.resolve("copy");
    double pinnedBefore = pinned();
    try (LoopbackRemote remote = LoopbackRemote.serve(LoopbackRemote.Kind.SFTP, served)) {
      StorageSpec storage =
          TestPlans.storage("storage-" + UUID.randomUUID(), "sftp", remote, cipher);
      PlanSnapshot plan =
          TestPlans.between(new Endpoint("", storage), Endpoint.local(copy.toString()))
              .mode(SyncMode.COPY)
              .build();

      RunFinished finished = runs.run(plan);

      assertThat(finished.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(copy.resolve("report.txt")).hasContent("over ssh");
    }
    if (VettingProxy.tunnels(rclone.version())) {
      assertThat(pinned() - pinnedBefore).isGreaterThanOrEqualTo(1);
    } else {
      assertThat(pinned() - pinnedBefore).isZero();
    }
  }

  private StorageSpec byName(LoopbackRemote remote) {
    StorageSpec storage =
        TestPlans.storage("storage-" + UUID.randomUUID(), "by-name", remote, cipher);
    Map<String, String> options = new HashMap<>(storage.options());
    options.put("url", "http://" + LOOPBACK_NAME + ":" + remote.port());
    return new StorageSpec(
        storage.id(), storage.name(), storage.type(), options, storage.secrets());
  }

  private double pinned() {
    return registry.counter(ProxyOutcomes.CONNECTIONS, "outcome", "pinned").count();
  }
}
