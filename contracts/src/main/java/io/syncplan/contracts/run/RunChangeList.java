package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import java.util.List;

/**
 * One part of a run's complete list of changed paths, published before the run's outcome: the
 * outcome event carries the first paths of each kind only, and a subscriber that needs them all
 * reads these. The parts of one attempt and kind, in {@code part} order, are the whole list; only
 * the parts of the run's last attempt count.
 *
 * @param attempt the attempt whose changes these are
 * @param part the part's number within the attempt and kind, from 0
 * @param paths relative to the destination; at most {@link #MAX_PATHS}, and at most {@link
 *     #MAX_BYTES} of UTF-8 in all beyond the first path
 */
public record RunChangeList(
    String runId, String planId, int attempt, ChangeKind kind, int part, List<String> paths)
    implements Message {

  public static final int MAX_PATHS = 1000;
  public static final int MAX_BYTES = 256 * 1024;

  /** What happened to the paths of a list. */
  public enum ChangeKind {
    ADDED,
    MODIFIED,
    DELETED,
    MOVED_TO_REVISIONS
  }

  public RunChangeList {
    if (kind == null) {
      throw new IllegalArgumentException("a change list needs its kind");
    }
    if (attempt < 1 || part < 0) {
      throw new IllegalArgumentException("attempt must be at least 1 and part at least 0");
    }
    paths = paths == null ? List.of() : List.copyOf(paths);
    if (paths.size() > MAX_PATHS) {
      throw new IllegalArgumentException(
          "a change list part holds at most " + MAX_PATHS + " paths");
    }
  }
}
