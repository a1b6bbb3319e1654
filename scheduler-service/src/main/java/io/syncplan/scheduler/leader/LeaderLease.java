package io.syncplan.scheduler.leader;

import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * The right to fire, as a ShedLock lock in MongoDB held for a lease and renewed well before it runs
 * out. Lock times are real time between replicas, so they use ShedLock's own clock, not the
 * injected one; this replica counts its lease as over a little before the store would.
 */
final class LeaderLease {

  static final String NAME = "syncplan-scheduler-leader";

  private final LockProvider locks;
  private final Duration duration;
  private final long marginNanos;
  private SimpleLock lock;
  private long validUntilNanos;

  LeaderLease(LockProvider locks, Duration duration) {
    this.locks = locks;
    this.duration = duration;
    this.marginNanos = duration.toNanos() / 5;
  }

  /** Takes the lease if nobody holds it. */
  synchronized boolean tryAcquire() {
    long started = System.nanoTime();
    Optional<SimpleLock> acquired =
        locks.lock(new LockConfiguration(ClockProvider.now(), NAME, duration, Duration.ZERO));
    acquired.ifPresent(value -> held(value, started));
    return acquired.isPresent();
  }

  /** Extends the lease this replica holds; false if it was lost meanwhile. */
  synchronized boolean renew() {
    if (lock == null) {
      return false;
    }
    long started = System.nanoTime();
    Optional<SimpleLock> renewed = lock.extend(duration, Duration.ZERO);
    if (renewed.isEmpty()) {
      lock = null;
      return false;
    }
    held(renewed.get(), started);
    return true;
  }

  private void held(SimpleLock value, long startedNanos) {
    lock = value;
    validUntilNanos = startedNanos + duration.toNanos() - marginNanos;
  }

  /** Whether this replica holds the lease now, with a margin for clocks and slow stores. */
  synchronized boolean isValid() {
    return lock != null && System.nanoTime() - validUntilNanos < 0;
  }

  /** Gives the lease up at once, so another replica need not wait for it to run out. */
  synchronized void release() {
    if (lock != null) {
      try {
        lock.unlock();
      } finally {
        lock = null;
      }
    }
  }
}
