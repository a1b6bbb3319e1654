package io.syncplan.executor.config;

import io.syncplan.contracts.Topics;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this executor works.
 *
 * @param pool the executor pool it serves: it takes the commands of plans assigned to this pool,
 *     and only those ({@code SYNCPLAN_EXECUTOR_POOL})
 * @param id how this executor names itself in leases and run events; host name and process id when
 *     not set
 * @param concurrency runs at the same time on this executor; further runs wait in the shared
 *     ledger, where any executor of the pool with a free slot may take them
 * @param leaseDuration how long a run stays with an executor that stopped sending heartbeats (it
 *     died, or lost its network) before another executor takes it over
 * @param heartbeatInterval how often a running run's lease is renewed
 * @param claimInterval how often waiting runs and cancel requests are looked for when nothing woke
 *     the executor; the longest a cancel of a run on another executor takes to be noticed
 * @param workDir where filter files, rclone's empty config and bisync's working state are kept
 * @param rclone the rclone binary, a path or a name on the PATH ({@code SYNCPLAN_EXECUTOR_RCLONE})
 * @param rcloneEnvironment extra environment variables for every rclone this executor starts, for
 *     example {@code RCLONE_BWLIMIT: 10M} to cap an agent's bandwidth or {@code HTTPS_PROXY}; names
 *     are upper-cased
 * @param lowLevelRetries how often rclone retries a single failed operation (a connection, one
 *     file's upload) within an attempt, before the attempt fails
 * @param connectTimeout how long rclone waits to connect to a remote
 * @param ioTimeout how long a transfer may stall before rclone gives it up
 * @param checkTimeout the longest a short check (a storage test, a plan's initialisation, a step of
 *     a revision clean-up) may take
 * @param revisionRetentionInterval how often expired revisions of this pool's plans are removed;
 *     one executor of the pool does it at a time
 * @param shutdownGracePeriod how long running runs may go on when the executor is told to stop
 *     (SIGTERM) before their rclone is stopped and they are handed back to another executor ({@code
 *     SYNCPLAN_EXECUTOR_SHUTDOWN_GRACE_PERIOD}); zero hands them back at once. {@code
 *     spring.lifecycle.timeout-per-shutdown-phase} and the platform's own grace period (Kubernetes'
 *     terminationGracePeriodSeconds) must be longer
 * @param waitingRefreshInterval how often the number of the pool's runs waiting in the ledger (the
 *     {@code syncplan.executor.runs.waiting} gauge) is counted again
 * @param fencingMargin how long before its lease lapses a run whose lease could not be renewed
 *     (MongoDB away, a network partition, a long pause) is stopped here, so that no other executor
 *     takes it over while its rclone still runs; it must exceed the clock skew between executors
 *     plus the time rclone takes to stop. A third of the lease duration when not set
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
    @DefaultValue("rclone") String rclone,
    Map<String, String> rcloneEnvironment,
    @DefaultValue("10") int lowLevelRetries,
    @DefaultValue("30s") Duration connectTimeout,
    @DefaultValue("5m") Duration ioTimeout,
    @DefaultValue("2m") Duration checkTimeout,
    @DefaultValue("1h") Duration revisionRetentionInterval,
    @DefaultValue("1m") Duration shutdownGracePeriod,
    @DefaultValue("5s") Duration waitingRefreshInterval,
    Duration fencingMargin) {

  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public ExecutorProperties {
    Topics.requireValidPool(pool);
    if (concurrency < 1) {
      throw new IllegalArgumentException("syncplan.executor.concurrency must be at least 1");
    }
    if (heartbeatInterval.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException(
          "syncplan.executor.heartbeat-interval must be shorter than the lease-duration");
    }
    fencingMargin = fencingMargin == null ? leaseDuration.dividedBy(3) : fencingMargin;
    requirePositive("fencing-margin", fencingMargin);
    if (heartbeatInterval.compareTo(leaseDuration.minus(fencingMargin)) >= 0) {
      throw new IllegalArgumentException(
          "syncplan.executor.heartbeat-interval must be shorter than the lease-duration less the"
              + " fencing-margin, or a run would be stopped between two heartbeats");
    }
    if (lowLevelRetries < 1) {
      throw new IllegalArgumentException("syncplan.executor.low-level-retries must be at least 1");
    }
    requirePositive("claim-interval", claimInterval);
    requirePositive("connect-timeout", connectTimeout);
    requirePositive("io-timeout", ioTimeout);
    requirePositive("check-timeout", checkTimeout);
    requirePositive("revision-retention-interval", revisionRetentionInterval);
    requirePositive("waiting-refresh-interval", waitingRefreshInterval);
    if (shutdownGracePeriod.isNegative()) {
      throw new IllegalArgumentException(
          "syncplan.executor.shutdown-grace-period must not be negative");
    }
    rcloneEnvironment = environmentNames(rcloneEnvironment);
    id = id == null || id.isBlank() ? defaultId() : id;
    workDir =
        workDir == null
            ? Path.of(System.getProperty("java.io.tmpdir"), "syncplan-executor")
            : workDir;
  }

  /**
   * Spring Boot lower-cases map keys bound from properties and environment variables; rclone's
   * variables are upper case, so names are upper-cased, with '.' and '-' read as '_'.
   */
  private static Map<String, String> environmentNames(Map<String, String> environment) {
    Map<String, String> named = new HashMap<>();
    if (environment != null) {
      environment.forEach(
          (name, value) -> {
            String variable = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            if (!ENVIRONMENT_NAME.matcher(variable).matches()) {
              throw new IllegalArgumentException(
                  "syncplan.executor.rclone-environment: not a variable name: " + name);
            }
            named.put(variable, value);
          });
    }
    return Map.copyOf(named);
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("syncplan.executor." + name + " must be positive");
    }
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
