package io.syncplan.executor.run;

import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.HeldRuns;
import io.syncplan.executor.ledger.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>A run whose lease cannot be renewed (MongoDB away, a network partition) is stopped before the
 * lease can lapse ({@link LeaseFence}): its rclone is killed at the lease's end minus the fencing
 * margin, on a thread of its own that a hanging heartbeat does not hold up. Another executor, or
 * this one, takes the run over once the lease has lapsed.
 */
@Component
class LeaseKeeper implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final HeldRuns held;
  private final ExecutorProperties properties;
  private final LeaseFence fence;
  private final RunMetrics metrics;
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "run-heartbeat"));
  private final ScheduledExecutorService fences =
      Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "run-fence"));

  LeaseKeeper(HeldRuns held, ExecutorProperties properties, RunMetrics metrics, Clock clock) {
    this.held = held;
    this.properties = properties;
    this.metrics = metrics;
    this.fence = new LeaseFence(properties.fencingMargin(), clock);
  }

  /** A run's lease being kept; closed before the run gives the lease up itself. */
  static final class Lease implements AutoCloseable {
    private volatile boolean closed;
    private ScheduledFuture<?> beat;
    private ScheduledFuture<?> deadline;

    /** The deadline that holds now, in place of the one before. */
    private synchronized void fenceWith(ScheduledFuture<?> next) {
      if (deadline != null) {
        deadline.cancel(false);
      }
      deadline = next;
      if (closed) {
        next.cancel(false);
      }
    }

    @Override
    public void close() {
      closed = true;
      beat.cancel(false);
      synchronized (this) {
        if (deadline != null) {
          deadline.cancel(false);
        }
      }
    }
  }

  /** Keeps the run's lease until the returned handle is closed. */
  Lease keep(LedgerEntry entry, RunControl control, RunContext context) {
    long interval = properties.heartbeatInterval().toMillis();
    Lease lease = new Lease();
    fenceAt(entry, entry.leaseUntil(), control, lease, context);
    lease.beat =
        heartbeats.scheduleWithFixedDelay(
            context.wrap(() -> beat(entry, control, lease, context)),
            interval,
            interval,
            TimeUnit.MILLISECONDS);
    return lease;
  }

  private void fenceAt(
      LedgerEntry entry, Instant leaseUntil, RunControl control, Lease lease, RunContext context) {
    Duration wait = fence.untilDeadline(leaseUntil);
    lease.fenceWith(
        fences.schedule(
            context.wrap(() -> expire(entry, leaseUntil, control, lease)),
            wait.toMillis(),
            TimeUnit.MILLISECONDS));
  }

  private void expire(LedgerEntry entry, Instant leaseUntil, RunControl control, Lease lease) {
    if (lease.closed) {
      return;
    }
    log.warn(
        "Run {}: its lease could not be renewed and lapses at {}; stopping it now, {} before, so"
            + " that no other executor runs the plan while it still runs here",
        entry.runId(),
        leaseUntil,
        properties.fencingMargin());
    metrics.fenced();
    control.stop(RunControl.StopReason.LEASE_EXPIRING);
  }

  private void beat(LedgerEntry entry, RunControl control, Lease lease, RunContext context) {
    try {
      LedgerEntry renewed = held.heartbeat(entry).block(Duration.ofSeconds(10));
      if (lease.closed) {
        return;
      }
      if (renewed == null) {
        log.warn("Run {}: lease lost to another executor; stopping it here", entry.runId());
        control.stop(RunControl.StopReason.LEASE_LOST);
        return;
      }
      fenceAt(entry, renewed.leaseUntil(), control, lease, context);
      if (renewed.cancelRequested()) {
        control.stop(RunControl.StopReason.CANCEL_REQUESTED);
      }
    } catch (RuntimeException e) {
      log.warn("Run {}: heartbeat failed, will retry: {}", entry.runId(), e.toString());
    }
  }

  @Override
  public void destroy() {
    heartbeats.shutdownNow();
    fences.shutdownNow();
  }
}
