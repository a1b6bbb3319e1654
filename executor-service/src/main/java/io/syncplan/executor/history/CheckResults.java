package io.syncplan.executor.history;

import io.syncplan.contracts.run.RunChanges;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code rclone check --combined} wrote: one line per path, its first character the verdict
 * ({@code =} same, {@code *} differs, {@code +} only at the source, {@code -} only at the
 * destination, {@code !} unreadable), read line by line and counted, the first paths of each kept.
 */
public final class CheckResults {

  private final int listed;
  private final Paths matching = new Paths();
  private final Paths differing = new Paths();
  private final Paths missing = new Paths();
  private final Paths extra = new Paths();
  private final Paths unreadable = new Paths();

  private CheckResults(int listed) {
    this.listed = listed;
  }

  /** Reads the combined report; an absent file (rclone stopped before writing) reads as empty. */
  public static CheckResults read(Path combined, int listed) {
    CheckResults results = new CheckResults(listed);
    try (BufferedReader reader = Files.newBufferedReader(combined, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        results.accept(line);
      }
    } catch (NoSuchFileException e) {
      return results;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rclone's check report", e);
    }
    return results;
  }

  void accept(String line) {
    if (line.length() < 3 || line.charAt(1) != ' ') {
      return;
    }
    String path = line.substring(2);
    switch (line.charAt(0)) {
      case '=' -> matching.add(path);
      case '*' -> differing.add(path);
      case '+' -> missing.add(path);
      case '-' -> extra.add(path);
      case '!' -> unreadable.add(path);
      default -> {}
    }
  }

  public long matching() {
    return matching.count;
  }

  public long differing() {
    return differing.count;
  }

  public long missingAtDestination() {
    return missing.count;
  }

  public long extraAtDestination() {
    return extra.count;
  }

  /** Paths rclone could not compare (read errors). */
  public long unreadable() {
    return unreadable.count;
  }

  public long differences() {
    return differing.count + missing.count + extra.count;
  }

  /** The findings as a run's change lists, each capped at {@code listed} paths. */
  public RunChanges changes() {
    long omitted = matching.omitted() + differing.omitted() + missing.omitted() + extra.omitted();
    return RunChanges.verified(
        matching.paths, differing.paths, missing.paths, extra.paths, omitted);
  }

  private final class Paths {
    private final List<String> paths = new ArrayList<>();
    private long count;

    void add(String path) {
      count++;
      if (paths.size() < listed) {
        paths.add(path);
      }
    }

    long omitted() {
      return count - paths.size();
    }
  }
}
