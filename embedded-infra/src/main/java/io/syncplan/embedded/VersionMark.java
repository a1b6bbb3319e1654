package io.syncplan.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small file beside the store ({@code <store>.version}) naming a version the store had reached on
 * disk. H2 opens a file whose newest chunks were cut off at an older version without a word; this
 * mark lets the start see that and refuse. It is written at most once a second and at close, never
 * ahead of the store, so it is a lower bound: it never refuses a file that is whole.
 */
final class VersionMark {

  private static final Logger log = LoggerFactory.getLogger(VersionMark.class);
  private static final long INTERVAL = TimeUnit.SECONDS.toNanos(1);

  private final Path file;
  private long writtenAt = System.nanoTime() - INTERVAL;
  private long written = -1;

  VersionMark(Path store) {
    Path absolute = store.toAbsolutePath();
    this.file = absolute.resolveSibling(absolute.getFileName() + ".version");
  }

  Path file() {
    return file;
  }

  /** The version last marked; 0 when there is no mark, or it cannot be read. */
  long read() {
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
    } catch (IOException | NumberFormatException e) {
      log.warn("Ignoring the unreadable store version mark {}: {}", file, e.toString());
      return 0;
    }
  }

  /** Marks the version if the last mark is a second old; called after each sync. */
  synchronized void record(long version) {
    if (version > written && System.nanoTime() - writtenAt >= INTERVAL) {
      write(version);
    }
  }

  /** Marks the version now. */
  synchronized void write(long version) {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    try {
      Files.writeString(next, Long.toString(version), StandardCharsets.US_ASCII);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      written = version;
      writtenAt = System.nanoTime();
    } catch (IOException e) {
      // Only the check at the next start is weaker for it.
      log.warn("Could not write the store version mark {}: {}", file, e.toString());
    }
  }

  /** Forgets the mark, for a store file that is created afresh. */
  void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale store version mark " + file, e);
    }
  }
}
