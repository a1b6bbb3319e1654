package io.syncplan.executor.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A run attempt's own folder in the work directory, for its filter file; removed afterwards. */
final class RunWorkspace implements AutoCloseable {

  private final Path folder;

  private RunWorkspace(Path folder) {
    this.folder = folder;
  }

  static RunWorkspace create(Path workDir, String runId, int attempt) {
    try {
      Path folder = workDir.resolve("runs").resolve(safe(runId) + "-" + attempt);
      deleteTree(folder);
      return new RunWorkspace(Files.createDirectories(folder));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run's folder in " + workDir, e);
    }
  }

  /** A folder for rclone's change reports of the attempt. */
  Path reportsFolder() {
    try {
      return Files.createDirectories(folder.resolve("reports"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder for rclone's reports", e);
    }
  }

  Path filterFile(List<String> rules) {
    try {
      return Files.write(folder.resolve("filters.txt"), rules);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the filter file", e);
    }
  }

  /** A file of the attempt's own (a file list, a listing, a report), removed with the folder. */
  Path file(String name) {
    return folder.resolve(name);
  }

  @Override
  public void close() {
    try {
      deleteTree(folder);
    } catch (IOException e) {
      // Left behind in the work directory; the next attempt of the run clears it.
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private static String safe(String runId) {
    return runId.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
