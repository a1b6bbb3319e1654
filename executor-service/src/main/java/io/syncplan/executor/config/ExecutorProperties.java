package io.syncplan.executor.config;

import io.syncplan.contracts.Topics;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this executor works.
 *
 * @param pool the executor pool it serves: it takes the commands of plans assigned to this pool,
 *     and only those ({@code SYNCPLAN_EXECUTOR_POOL})
 * @param id how this executor names itself in leases and run events; host name and process id when
 *     not set
 * @param concurrency runs at the same time on this executor; further runs wait in the ledger
 * @param leaseDuration how long a run stays with an executor that stopped sending heartbeats before
 *     another executor takes it over
 * @param heartbeatInterval how often a running run's lease is renewed (and cancels are noticed)
 * @param claimInterval how often waiting runs are looked for when nothing woke the executor
 * @param workDir where filter files, rclone's empty config and bisync state are kept
 * @param rclone the rclone binary, a path or a name on the PATH
 */
@ConfigurationProperties("syncplan.executor")
public record ExecutorProperties(
    @DefaultValue(Topics.DEFAULT_POOL) String pool,
    String id,
    @DefaultValue("2") int concurrency,
    @DefaultValue("30s") Duration leaseDuration,
    @DefaultValue("10s") Duration heartbeatInterval,
    @DefaultValue("1s") Duration claimInterval,
    Path workDir,
    @DefaultValue("rclone") String rclone) {

  public ExecutorProperties {
    Topics.requireValidPool(pool);
    if (concurrency < 1) {
      throw new IllegalArgumentException("syncplan.executor.concurrency must be at least 1");
    }
    if (heartbeatInterval.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException(
          "syncplan.executor.heartbeat-interval must be shorter than the lease-duration");
    }
    id = id == null || id.isBlank() ? defaultId() : id;
    workDir =
        workDir == null
            ? Path.of(System.getProperty("java.io.tmpdir"), "syncplan-executor")
            : workDir;
  }

  private static String defaultId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "executor";
    }
    return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
  }
}
