package io.syncplan.executor.run;

import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.ledger.RunLedger;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Renews the leases of running runs by heartbeat, so that no other executor takes them over, and
 * notices on each heartbeat whether a run was asked to stop.
 */
@Component
class LeaseKeeper implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final RunLedger ledger;
  private final ExecutorProperties properties;
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "run-heartbeat"));

  LeaseKeeper(RunLedger ledger, ExecutorProperties properties) {
    this.ledger = ledger;
    this.properties = properties;
  }

  /**
   * Keeps the run's lease until the returned handle is closed; calls {@code onCancel} once the run
   * is asked to stop or its lease is lost.
   */
  AutoCloseable keep(LedgerEntry entry, Runnable onCancel) {
    long interval = properties.heartbeatInterval().toMillis();
    ScheduledFuture<?> beat =
        heartbeats.scheduleWithFixedDelay(
            () -> beat(entry, onCancel), interval, interval, TimeUnit.MILLISECONDS);
    return () -> beat.cancel(false);
  }

  private void beat(LedgerEntry entry, Runnable onCancel) {
    try {
      LedgerEntry renewed = ledger.heartbeat(entry).block(Duration.ofSeconds(10));
      if (renewed == null) {
        log.warn("Run {}: lease lost to another executor; stopping it here", entry.runId());
        onCancel.run();
      } else if (renewed.cancelRequested()) {
        onCancel.run();
      }
    } catch (RuntimeException e) {
      log.warn("Run {}: heartbeat failed, will retry: {}", entry.runId(), e.toString());
    }
  }

  @Override
  public void destroy() {
    heartbeats.shutdownNow();
  }
}
