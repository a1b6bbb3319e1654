package io.syncplan.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Opens the embedded store's H2 file, refusing one that is damaged: a file too short to hold a
 * store, one H2 cannot open, one whose pages do not all read back, or one that opens at an older
 * version than its own header names. The last case matters most: H2 opens a file whose newest
 * chunks are cut off at the newest complete version it still finds, which for a file cut short can
 * be an empty store. Every page is read once at start, so a damaged page stops the start instead of
 * a request later (about 45 s for a store of a million runs, 9 GB, on this machine's disk).
 */
final class StoreFile {

  private static final int BLOCK = 4096;

  /** Two file headers of one block each come before the first chunk: anything shorter was cut. */
  private static final long SHORTEST_STORE = 2 * BLOCK;

  private static final String CHECKSUM_KEY = ",fletcher:";

  private StoreFile() {}

  static MVStore open(Path file, VersionMark mark) {
    Path absolute = file.toAbsolutePath();
    if (!Files.exists(absolute)) {
      // A new store, or one moved away on purpose to start afresh: an old mark means nothing.
      mark.clear();
    }
    try {
      Files.createDirectories(absolute.getParent());
      if (Files.exists(absolute) && Files.size(absolute) < SHORTEST_STORE) {
        throw new DamagedStoreException(
            absolute,
            "it is only "
                + Files.size(absolute)
                + " bytes long, shorter than any store (truncated)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + absolute, e);
    }
    long headerVersion = headerVersion(absolute);
    MVStore store;
    try {
      // Without H2's background writer until the backend is open (DurableH2Backend starts it):
      // its housekeeping rewrites sparse chunks and drops the old ones once they are older than
      // H2's retention time (45 s), and a read of every page that took longer (a store of a
      // million runs, 9 GB, takes about as long) then met a chunk gone under it and refused a
      // sound file as damaged.
      store = new MVStore.Builder().fileName(absolute.toString()).autoCommitDisabled().open();
    } catch (MVStoreException e) {
      if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
        throw new IllegalStateException(
            "The store file "
                + absolute
                + " is in use by another process (is syncplan already running with this data"
                + " directory?)");
      }
      throw new DamagedStoreException(absolute, e.getMessage());
    }
    try {
      readEveryPage(store);
    } catch (RuntimeException e) {
      store.closeImmediately();
      throw new DamagedStoreException(absolute, e.getMessage());
    }
    if (store.getCurrentVersion() < headerVersion) {
      store.closeImmediately();
      throw new DamagedStoreException(
          absolute,
          "its header names version "
              + headerVersion
              + " but only version "
              + store.getCurrentVersion()
              + " could be read (the file was cut short or overwritten)");
    }
    long marked = mark.read();
    if (store.getCurrentVersion() < marked) {
      store.closeImmediately();
      throw new DamagedStoreException(
          absolute,
          "it had reached version "
              + marked
              + " (noted in "
              + mark.file().getFileName()
              + ") but only version "
              + store.getCurrentVersion()
              + " could be read (the file was cut short or overwritten; if you restored an older"
              + " copy on purpose, delete "
              + mark.file()
              + " and start again)");
    }
    return store;
  }

  /**
   * The newest version named by one of the file's two header blocks whose checksum holds; 0 for a
   * new file, or when neither holds (H2 then refuses the file itself).
   */
  static long headerVersion(Path file) {
    if (!Files.exists(file)) {
      return 0;
    }
    byte[] blocks = new byte[2 * BLOCK];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(blocks, 0, blocks.length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    long newest = 0;
    for (int offset = 0; offset + BLOCK <= read; offset += BLOCK) {
      Map<String, String> header = checkedHeader(blocks, offset);
      if (header != null) {
        newest = Math.max(newest, DataUtils.readHexLong(header, "version", 0));
      }
    }
    return newest;
  }

  /** A header block as H2 writes it ({@code key:value,...,fletcher:checksum}), if intact. */
  private static Map<String, String> checkedHeader(byte[] blocks, int offset) {
    int start = offset;
    int end = offset + BLOCK;
    while (start < end && blocks[start] <= ' ') {
      start++;
    }
    while (end > start && blocks[end - 1] <= ' ') {
      end--;
    }
    String text = new String(blocks, start, end - start, StandardCharsets.ISO_8859_1);
    int checksumAt = text.lastIndexOf(CHECKSUM_KEY);
    if (checksumAt < 0) {
      return null;
    }
    try {
      int checksum = (int) Long.parseLong(text.substring(checksumAt + CHECKSUM_KEY.length()), 16);
      if (checksum != DataUtils.getFletcher32(blocks, start, checksumAt)) {
        return null;
      }
      return DataUtils.parseMap(text.substring(0, checksumAt));
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private static void readEveryPage(MVStore store) {
    for (String name : store.getMapNames()) {
      MVMap<?, ?> map =
          OrderedIndex.isIndexMap(name) ? OrderedIndex.openMap(store, name) : store.openMap(name);
      Cursor<?, ?> cursor = map.cursor(null);
      while (cursor.hasNext()) {
        cursor.next();
        cursor.getValue();
      }
    }
  }
}
