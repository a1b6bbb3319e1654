package io.syncplan.executor.history;

import io.syncplan.contracts.revision.RevisionFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listed files sorted by a key (their path, or revision and path), however many there are: up to
 * {@code inMemory} are sorted in memory; beyond that, sorted runs are written to files in {@code
 * folder} and merged, so memory stays flat for a history of a million files.
 */
final class SortedEntries {

  /** One listed file of a history, and where it sorts. */
  record Entry(String key, String path, long size, Instant modifiedAt, RevisionFile.Side side) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::key).thenComparing(Entry::side);

  private final Path folder;
  private final int inMemory;
  private final List<Entry> buffer = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();

  SortedEntries(Path folder, int inMemory) {
    this.folder = folder;
    this.inMemory = inMemory;
  }

  void add(Entry entry) {
    buffer.add(entry);
    if (buffer.size() >= inMemory) {
      spill();
    }
  }

  boolean isEmpty() {
    return buffer.isEmpty() && runs.isEmpty();
  }

  /** Hands every entry to {@code each} in order. */
  void forEachSorted(Consumer<Entry> each) {
    buffer.sort(ORDER);
    if (runs.isEmpty()) {
      buffer.forEach(each);
      return;
    }
    spill();
    List<BufferedReader> readers = new ArrayList<>();
    try {
      record Head(Entry entry, BufferedReader reader) {}
      PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::entry, ORDER));
      for (Path run : runs) {
        BufferedReader reader = Files.newBufferedReader(run, StandardCharsets.UTF_8);
        readers.add(reader);
        Entry first = next(reader);
        if (first != null) {
          heads.add(new Head(first, reader));
        }
      }
      while (!heads.isEmpty()) {
        Head head = heads.poll();
        each.accept(head.entry());
        Entry following = next(head.reader());
        if (following != null) {
          heads.add(new Head(following, head.reader()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot merge the sorted listing", e);
    } finally {
      for (BufferedReader reader : readers) {
        try {
          reader.close();
        } catch (IOException e) {
          // a read-only file: nothing is lost
        }
      }
    }
  }

  private void spill() {
    if (buffer.isEmpty()) {
      return;
    }
    buffer.sort(ORDER);
    Path run = folder.resolve("sorted-" + runs.size() + ".jsonl");
    try (BufferedWriter writer = Files.newBufferedWriter(run, StandardCharsets.UTF_8)) {
      for (Entry entry : buffer) {
        writer.write(JSON.writeValueAsString(entry));
        writer.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a sorted run of the listing", e);
    }
    runs.add(run);
    buffer.clear();
  }

  private static Entry next(BufferedReader reader) throws IOException {
    String line = reader.readLine();
    return line == null ? null : JSON.readValue(line, Entry.class);
  }
}
