package io.syncplan.embedded;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Makes writes to an MVStore durable before they are acknowledged: a write runs, then waits until a
 * commit that includes it has been written to the file and forced to the disk ({@code fsync}).
 *
 * <p>Writers that finish while a commit is being forced wait for the next one and share it (a group
 * commit): one {@code fsync} serves every write that finished before it began, so many concurrent
 * writers pay for few syncs. A commit is taken only while no write is half-way, so what is on disk
 * after a crash is always made of whole commands.
 */
final class GroupCommit {

  private final MVStore store;
  private final LongConsumer synced;

  /**
   * Written by every commit, so that the commit always writes a chunk. H2's own timer commits in
   * the background, asynchronously: a commit that found nothing left to write would return at once
   * and the sync after it would run before the timer's chunk reached the file. A commit that writes
   * waits for every chunk queued before its own.
   */
  private final MVMap<String, Long> commits;

  /** Writes share it; a commit takes it alone, so that it never catches a write half-way. */
  private final ReentrantReadWriteLock writes = new ReentrantReadWriteLock();

  /** One commit and sync at a time; the writers waiting here are the next group. */
  private final ReentrantLock syncing = new ReentrantLock();

  /** Every change made in this version or before is on disk. */
  private volatile long durableVersion;

  private volatile long syncs;

  /**
   * @param synced told, after each sync, a version the file's newest chunk has at least
   */
  GroupCommit(MVStore store, LongConsumer synced) {
    this.store = store;
    this.synced = synced;
    this.commits = store.openMap(COMMITS_MAP);
    this.durableVersion = store.getCurrentVersion() - 1;
  }

  /** Runs the write, then returns its result once the write is on disk. */
  <T> T write(Supplier<T> write) {
    long version;
    writes.readLock().lock();
    try {
      return write.get();
    } finally {
      // Read after the write: its changes belong to this version or an earlier one. A write that
      // failed half-way (an ordered insert stopped by a duplicate) is made durable too, since
      // its error answer reports the part that was applied.
      version = store.getCurrentVersion();
      writes.readLock().unlock();
      awaitDurable(version);
    }
  }

  private void awaitDurable(long version) {
    if (durableVersion >= version) {
      return;
    }
    syncing.lock();
    try {
      if (durableVersion >= version) {
        return; // the commit another writer just forced included this write
      }
      long committed;
      long chunk;
      writes.writeLock().lock();
      try {
        committed = store.getCurrentVersion();
        commits.put(COMMITS_MAP, committed);
        chunk = store.commit();
      } finally {
        writes.writeLock().unlock();
      }
      // Forced outside the write lock: new writes go on in memory meanwhile, and wait for the
      // next group.
      store.sync();
      syncs++;
      durableVersion = committed;
      synced.accept(chunk);
    } finally {
      syncing.unlock();
    }
  }

  /** Not a database of the store (those are {@code databases.*}): mongo-java-server ignores it. */
  static final String COMMITS_MAP = "syncplan.commits";

  /** How many times the file was forced to disk, for tests and diagnostics. */
  long syncs() {
    return syncs;
  }
}
