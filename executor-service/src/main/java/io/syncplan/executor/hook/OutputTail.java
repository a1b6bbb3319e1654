package io.syncplan.executor.hook;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last lines a command wrote, at most {@code limit} characters in all: a command that writes
 * without end neither fills the executor's memory nor blocks on a full pipe, because everything is
 * read and only the tail is kept.
 */
final class OutputTail {

  private static final int LONGEST_LINE = 1000;

  private final Deque<String> lines = new ArrayDeque<>();
  private final int limit;
  private int size;

  OutputTail(int limit) {
    this.limit = limit;
  }

  /** Reads the stream to its end. */
  void drain(InputStream output) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        add(line);
      }
    } catch (IOException closed) {
      // the process was killed, or its pipe closed: what was read is kept
    }
  }

  private synchronized void add(String line) {
    String kept = line.length() > LONGEST_LINE ? line.substring(0, LONGEST_LINE) + "…" : line;
    lines.addLast(kept);
    size += kept.length();
    while (size > limit && lines.size() > 1) {
      size -= lines.removeFirst().length();
    }
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}
