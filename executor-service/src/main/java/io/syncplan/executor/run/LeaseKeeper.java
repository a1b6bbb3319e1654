package io.syncplan.executor.run;

import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.HeldRuns;
import io.syncplan.executor.ledger.LedgerEntry;
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
 * Renews the leases of running runs by heartbeat, so that no other executor takes them over. A run
 * whose lease was taken by another executor (this one was presumed dead) is stopped here; a cancel
 * request seen on a heartbeat stops the run too.
 */
@Component
class LeaseKeeper implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final HeldRuns held;
  private final ExecutorProperties properties;
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "run-heartbeat"));

  LeaseKeeper(HeldRuns held, ExecutorProperties properties) {
    this.held = held;
    this.properties = properties;
  }

  /** A run's lease being kept; closed before the run gives the lease up itself. */
  static final class Lease implements AutoCloseable {
    private volatile boolean closed;
    private ScheduledFuture<?> beat;

    @Override
    public void close() {
      closed = true;
      beat.cancel(false);
    }
  }

  /** Keeps the run's lease until the returned handle is closed. */
  Lease keep(LedgerEntry entry, RunControl control, RunContext context) {
    long interval = properties.heartbeatInterval().toMillis();
    Lease lease = new Lease();
    lease.beat =
        heartbeats.scheduleWithFixedDelay(
            context.wrap(() -> beat(entry, control, lease)),
            interval,
            interval,
            TimeUnit.MILLISECONDS);
    return lease;
  }

  private void beat(LedgerEntry entry, RunControl control, Lease lease) {
    try {
      LedgerEntry renewed = held.heartbeat(entry).block(Duration.ofSeconds(10));
      if (lease.closed) {
        return;
      }
      if (renewed == null) {
        log.warn("Run {}: lease lost to another executor; stopping it here", entry.runId());
        control.stop(RunControl.StopReason.LEASE_LOST);
      } else if (renewed.cancelRequested()) {
        control.stop(RunControl.StopReason.CANCEL_REQUESTED);
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
