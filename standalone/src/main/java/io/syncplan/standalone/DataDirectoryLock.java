package io.syncplan.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second stack off a data directory in use, before it touches anything there. The store
 * file and Kafka's directory have locks of their own, but a second start got as far as Kafka's
 * before it was refused, and once (not reproduced since) the running stack's broker then reported
 * its metadata log damaged and stopped. Held until the stack closes; the operating system releases
 * it if the process dies.
 */
final class DataDirectoryLock implements AutoCloseable {

  static final String FILE = "syncplan.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws IllegalStateException when another stack holds the directory
   */
  static DataDirectoryLock take(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException heldInThisProcess) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "Another syncplan stack is using the data directory "
                + dataDir
                + ". Stop it first, or give this one a data directory of its own"
                + " (SYNCPLAN_DATA_DIR).");
      }
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock the data directory " + dataDir, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unlock the data directory", e);
    }
  }
}
