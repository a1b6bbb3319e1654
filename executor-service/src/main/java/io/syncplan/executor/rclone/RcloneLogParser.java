package io.syncplan.executor.rclone;

import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads rclone's {@code --use-json-log --verbose} output line by line: the per-file changes, the
 * periodic stats, and the last lines and error for a failure's report.
 *
 * <p>What rclone 1.60 logs per file: {@code Copied (new)}, {@code Copied (replaced existing)},
 * {@code Deleted}. With {@code --backup-dir}, a replaced file logs {@code Moved into backup dir}
 * and then {@code Copied (new)} for the same path (a modification), a deleted one only {@code Moved
 * into backup dir}. With {@code --dry-run}, warnings carry {@code "skipped":"copy"} or {@code
 * "skipped":"delete"}.
 */
public final class RcloneLogParser {

  /** Paths kept per list; beyond it, paths are only counted. */
  public static final int MAX_LISTED_PATHS = 1000;

  static final int TAIL_LINES = 30;

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Set<String> movedToRevisions = new HashSet<>();
  private final Set<String> replacedAfterRevision = new HashSet<>();
  private final PathList added = new PathList();
  private final PathList modified = new PathList();
  private final PathList deleted = new PathList();
  private final Deque<String> tail = new ArrayDeque<>();
  private JsonNode lastStats;
  private String lastError;

  /** Takes one line of rclone's log; returns the progress it reports, if it is a stats line. */
  public Optional<RcloneProgress> accept(String line) {
    JsonNode entry = parse(line);
    if (entry == null) {
      remember(line.strip());
      if (line.contains("Failed to")) {
        lastError = line.replaceFirst("^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} ", "").strip();
      }
      return Optional.empty();
    }
    JsonNode stats = entry.get("stats");
    if (stats != null && stats.isObject()) {
      lastStats = stats;
      return Optional.of(progress(stats));
    }
    String level = text(entry, "level");
    String msg = text(entry, "msg");
    String object = text(entry, "object");
    String skipped = text(entry, "skipped");
    if (skipped != null && object != null) {
      (skipped.equals("delete") ? deleted : added).add(object);
    } else if (object != null && msg != null) {
      fileChange(msg, object);
    }
    if ("error".equals(level) || "warning".equals(level)) {
      String described = object == null ? msg : object + ": " + msg;
      remember(described);
      if ("error".equals(level)) {
        lastError = described;
      }
    }
    return Optional.empty();
  }

  private void fileChange(String msg, String object) {
    switch (msg) {
      case "Copied (new)" -> {
        if (movedToRevisions.contains(object)) {
          replacedAfterRevision.add(object);
          modified.add(object);
        } else {
          added.add(object);
        }
      }
      case "Copied (replaced existing)" -> modified.add(object);
      case "Deleted" -> deleted.add(object);
      case "Moved into backup dir" -> movedToRevisions.add(object);
      default -> {}
    }
  }

  /** The report once rclone exited with {@code exitCode}. */
  public RcloneReport finish(int exitCode) {
    for (String path : movedToRevisions) {
      if (!replacedAfterRevision.contains(path)) {
        deleted.add(path);
      }
    }
    List<String> revised = movedToRevisions.stream().sorted().limit(MAX_LISTED_PATHS).toList();
    long omitted =
        added.omitted()
            + modified.omitted()
            + deleted.omitted()
            + Math.max(0, movedToRevisions.size() - MAX_LISTED_PATHS);
    RunStats stats =
        new RunStats(
            added.count(),
            modified.count(),
            deleted.count(),
            movedToRevisions.size(),
            number(lastStats, "bytes"),
            number(lastStats, "checks"),
            number(lastStats, "errors"));
    RunChanges changes =
        new RunChanges(added.paths(), modified.paths(), deleted.paths(), revised, omitted);
    return new RcloneReport(
        exitCode, stats, changes, exitCode == 0 ? null : errorMessage(), List.copyOf(tail));
  }

  private String errorMessage() {
    if (lastError != null) {
      return lastError;
    }
    String statsError = lastStats == null ? null : text(lastStats, "lastError");
    return statsError != null ? statsError : tail.isEmpty() ? null : tail.peekLast();
  }

  private static RcloneProgress progress(JsonNode stats) {
    JsonNode eta = stats.get("eta");
    return new RcloneProgress(
        number(stats, "bytes"),
        number(stats, "totalBytes"),
        number(stats, "transfers"),
        number(stats, "totalTransfers"),
        stats.path("speed").asDouble(0),
        eta == null || !eta.isNumber() ? null : eta.asLong());
  }

  private void remember(String line) {
    if (line.isEmpty()) {
      return;
    }
    if (tail.size() == TAIL_LINES) {
      tail.removeFirst();
    }
    tail.addLast(line);
  }

  private static JsonNode parse(String line) {
    if (!line.startsWith("{")) {
      return null;
    }
    try {
      return JSON.readTree(line);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static long number(JsonNode node, String field) {
    return node == null ? 0 : node.path(field).asLong(0);
  }

  /** The first paths of one kind of change, and how many there were. */
  private static final class PathList {
    private final List<String> paths = new ArrayList<>();
    private long count;

    void add(String path) {
      count++;
      if (paths.size() < MAX_LISTED_PATHS) {
        paths.add(path);
      }
    }

    long count() {
      return count;
    }

    long omitted() {
      return count - paths.size();
    }

    List<String> paths() {
      return paths;
    }
  }
}
