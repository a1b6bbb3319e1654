package io.syncplan.executor.rclone;

import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads rclone's {@code --use-json-log} output line by line: the per-file changes, the periodic
 * stats, bisync's conflicts, and the last lines and error for a failure's report, every secret
 * masked.
 *
 * <p>What rclone 1.60 logs per file at {@code -v}: {@code Copied (new)}, {@code Copied (replaced
 * existing)}, {@code Deleted}. With {@code --backup-dir}, the old version of a replaced file is
 * moved away ({@code Moved (server-side)}) and the new one logs {@code Copied (new)} (a
 * modification); a deleted file logs the move and {@code Moved into backup dir}. A backend that
 * cannot move (S3) logs the move as {@code Copied (server-side copy)} then {@code Deleted}
 * (syncplan copies server-side only into the history: source and destination are different
 * remotes). With {@code --dry-run}, warnings carry {@code "skipped"}: {@code copy}, {@code delete},
 * {@code move} (the old version of a replaced file, with a backup dir) or {@code move into backup
 * dir}; whether a skipped copy replaces a file shows only in the debug line ({@code -vv}) saying
 * what differs, which comes first.
 */
public final class RcloneLogParser {

  /** Paths kept per list; beyond it, paths are only counted. */
  public static final int MAX_LISTED_PATHS = 1000;

  static final int TAIL_LINES = 30;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Set<String> ERROR_LEVELS = Set.of("error", "critical", "alert", "emergency");
  private static final Pattern BISYNC_CONFLICT =
      Pattern.compile("New or changed in both paths\\s+-\\s+(.+)$");

  /** rclone 1.66 and later then compare the two versions: equal ones are no conflict. */
  private static final Pattern BISYNC_EQUAL = Pattern.compile("^Files are equal! Skipping: (.+)$");

  /** bisync of rclone 1.66 and later colours its messages even in a JSON log. */
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001b\\[[0-9;]*m");

  private static final Pattern PLAIN_LOG_PREFIX =
      Pattern.compile("^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2} ");

  private final Redactor redactor;

  /**
   * Paths whose old version was just moved into the history, or which a dry run's debug line just
   * said differ: rclone logs the next step for the same path within a few lines, so a bounded
   * window of recent paths is enough, and memory stays flat however many files a run touches.
   */
  private final RecentPaths justMoved = new RecentPaths();

  private final RecentPaths differing = new RecentPaths();

  /**
   * Paths just copied server-side: on a backend that cannot move (S3), moving the old version into
   * the history is a server-side copy followed by the deletion of the original.
   */
  private final RecentPaths copiedServerSide = new RecentPaths();

  private final PathList movedToRevisions = new PathList();
  private final PathList added = new PathList();
  private final PathList modified = new PathList();
  private final PathList deleted = new PathList();
  private final PathList conflicts = new PathList();
  private final ResyncSides resync = new ResyncSides();
  private final Deque<String> tail = new ArrayDeque<>();
  private JsonNode lastStats;
  private String lastError;

  public RcloneLogParser() {
    this(new Redactor(Set.of()));
  }

  public RcloneLogParser(Redactor redactor) {
    this.redactor = redactor;
  }

  /** Takes one line of rclone's log; returns the progress it reports, if it is a stats line. */
  public Optional<RcloneProgress> accept(String line) {
    JsonNode entry = parse(line);
    if (entry == null) {
      String plain = PLAIN_LOG_PREFIX.matcher(line.strip()).replaceFirst("");
      remember(plain);
      if (plain.contains("Failed to") || plain.startsWith("ERROR")) {
        lastError = redactor.redact(plain);
      }
      return Optional.empty();
    }
    JsonNode stats = entry.get("stats");
    if (stats != null && stats.isObject()) {
      lastStats = stats;
      return Optional.of(progress(stats));
    }
    String level = text(entry, "level");
    String msg = withoutColours(text(entry, "msg"));
    String object = text(entry, "object");
    String skipped = text(entry, "skipped");
    if (skipped != null && object != null) {
      skippedChange(skipped, object);
    } else if (object != null && msg != null) {
      fileChange(level, msg, object);
    } else if (msg != null) {
      Matcher conflict = BISYNC_CONFLICT.matcher(msg);
      Matcher equal = BISYNC_EQUAL.matcher(msg);
      if (conflict.find()) {
        conflicts.add(conflict.group(1).strip());
      } else if (equal.find()) {
        conflicts.remove(equal.group(1).strip());
      } else {
        resync.message(msg);
      }
    }
    if (isError(level) || "warning".equals(level)) {
      String described = object == null ? msg : object + ": " + msg;
      remember(described);
      if (isError(level)) {
        lastError = redactor.redact(described);
      }
    }
    return Optional.empty();
  }

  /**
   * rclone 1.60 logs a fatal error as a plain line; newer ones log it as JSON at level {@code
   * critical} ("Failed to create file system …").
   */
  private static boolean isError(String level) {
    return ERROR_LEVELS.contains(level);
  }

  private void skippedChange(String skipped, String object) {
    switch (skipped) {
      case "copy" -> {
        if (differing.remove(object) || justMoved.remove(object)) {
          modified(object);
        } else {
          added(object);
        }
      }
      case "delete" -> {
        // A resync deletes nothing: rclone 1.60's preview lists what its first step would have
        // copied as deletions of its second.
        if (!resync.active()) {
          deleted.add(object);
        }
      }
      case "move into backup dir" -> {
        movedToRevisions.add(object);
        deleted.add(object);
      }
      case "move" -> {
        movedToRevisions.add(object);
        justMoved.add(object);
      }
      default -> {}
    }
  }

  private void fileChange(String level, String msg, String object) {
    switch (msg) {
      case "Copied (new)" -> {
        if (justMoved.remove(object)) {
          modified(object);
        } else {
          added(object);
        }
      }
      case "Copied (replaced existing)" -> modified(object);
      case "Copied (server-side copy)" -> copiedServerSide.add(object);
      case "Deleted" -> {
        if (copiedServerSide.remove(object)) {
          movedToRevisions.add(object);
          justMoved.add(object);
        } else {
          deleted.add(object);
        }
      }
      case "Moved (server-side)" -> {
        movedToRevisions.add(object);
        justMoved.add(object);
      }
      case "Moved into backup dir" -> {
        // A deletion with a history: its move may have been logged just before.
        if (!justMoved.remove(object)) {
          movedToRevisions.add(object);
        }
        deleted.add(object);
      }
      default -> {
        if ("debug".equals(level) && msg.contains("differ")) {
          differing.add(object);
        }
      }
    }
  }

  private void added(String path) {
    added.add(path);
    resync.added(path);
  }

  private void modified(String path) {
    modified.add(path);
    resync.replaced(path);
  }

  /** The report once rclone exited with {@code exitCode} after {@code elapsed}. */
  public RcloneReport finish(int exitCode, Duration elapsed) {
    long omitted =
        added.omitted()
            + modified.omitted()
            + deleted.omitted()
            + conflicts.omitted()
            + movedToRevisions.omitted()
            + resync.omitted();
    RunStats stats =
        new RunStats(
            added.count(),
            modified.count(),
            deleted.count(),
            movedToRevisions.count(),
            number(lastStats, "bytes"),
            number(lastStats, "checks"),
            number(lastStats, "errors"),
            conflicts.count());
    RunChanges changes =
        new RunChanges(
            added.paths(),
            modified.paths(),
            deleted.paths(),
            movedToRevisions.paths(),
            conflicts.paths(),
            omitted,
            List.of(),
            resync.changes());
    return new RcloneReport(
        exitCode,
        stats,
        changes,
        exitCode == 0 ? null : errorMessage(),
        List.copyOf(tail),
        elapsed,
        number(lastStats, "transfers"),
        number(lastStats, "deletes"));
  }

  private String errorMessage() {
    if (lastError != null) {
      return lastError;
    }
    String statsError = lastStats == null ? null : text(lastStats, "lastError");
    return statsError != null
        ? redactor.redact(statsError)
        : tail.isEmpty() ? null : tail.peekLast();
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
    if (line == null || line.isBlank()) {
      return;
    }
    if (tail.size() == TAIL_LINES) {
      tail.removeFirst();
    }
    tail.addLast(redactor.redact(line.strip()));
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

  private static String withoutColours(String text) {
    return text == null ? null : ANSI_ESCAPE.matcher(text).replaceAll("");
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static long number(JsonNode node, String field) {
    return node == null ? 0 : node.path(field).asLong(0);
  }
}
