package io.syncplan.scheduler.leader;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.bson.Document;

/**
 * The right to fire, as a ShedLock lock in MongoDB held for a lease and renewed well before it runs
 * out. Lock times are real time between replicas, so they use ShedLock's own clock, not the
 * injected one; this replica counts its lease as over a little before the store would.
 *
 * <p>ShedLock's MongoDB provider tells lock holders apart by host name only, so two replicas on one
 * host could both extend the same lock. The time the lock was taken, which every new holder
 * overwrites and an extension keeps, serves as this replica's token: once it changes, the lease
 * belongs to someone else.
 *
 * <p>ShedLock is used through its {@code LockProvider}, not its Spring integration:
 * {@code @SchedulerLock} holds a lock for one method call and lets it go, while firing needs a
 * lease held across ticks, renewed, and noticed when lost.
 */
final class LeaderLease {

  static final String NAME = "syncplan-scheduler-leader";

  private final LockProvider locks;
  private final MongoCollection<Document> lockDocuments;
  private final Duration duration;
  private final long marginNanos;
  private SimpleLock lock;
  private Date token;
  private long validUntilNanos;

  LeaderLease(LockProvider locks, MongoCollection<Document> lockDocuments, Duration duration) {
    this.locks = locks;
    this.lockDocuments = lockDocuments;
    this.duration = duration;
    this.marginNanos = duration.toNanos() / 5;
  }

  /** Takes the lease if nobody holds it. */
  synchronized boolean tryAcquire() {
    long started = System.nanoTime();
    Optional<SimpleLock> acquired =
        locks.lock(new LockConfiguration(ClockProvider.now(), NAME, duration, Duration.ZERO));
    if (acquired.isEmpty()) {
      return false;
    }
    lock = acquired.get();
    token = lockedAt();
    validUntilNanos = started + duration.toNanos() - marginNanos;
    return true;
  }

  /** Extends the lease this replica holds; false if it was lost meanwhile. */
  synchronized boolean renew() {
    if (lock == null) {
      return false;
    }
    long started = System.nanoTime();
    Optional<SimpleLock> renewed = lock.extend(duration, Duration.ZERO);
    if (renewed.isEmpty() || !Objects.equals(token, lockedAt())) {
      lock = null;
      return false;
    }
    lock = renewed.get();
    validUntilNanos = started + duration.toNanos() - marginNanos;
    return true;
  }

  private Date lockedAt() {
    Document document = lockDocuments.find(eq("_id", NAME)).first();
    return document == null ? null : document.getDate("lockedAt");
  }

  /** Whether this replica holds the lease now, with a margin for clocks and slow stores. */
  synchronized boolean isValid() {
    return lock != null && System.nanoTime() - validUntilNanos < 0;
  }

  /** Gives the lease up at once, so another replica need not wait for it to run out. */
  synchronized void release() {
    if (lock == null) {
      return;
    }
    try {
      if (Objects.equals(token, lockedAt())) {
        lock.unlock();
      }
    } finally {
      lock = null;
    }
  }
}
