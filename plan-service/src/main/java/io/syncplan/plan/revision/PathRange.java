package io.syncplan.plan.revision;

import io.syncplan.plan.revision.RevisionDocument.PartRange;
import java.util.List;

/**
 * Paths from {@code from} (included) to {@code to} (excluded; null: no end), in {@link
 * String#compareTo} order, the order in which the executors sort a folder's files into parts.
 */
record PathRange(String from, String to) {

  /** The path itself and nothing else: no string lies between it and itself followed by NUL. */
  static PathRange exactly(String path) {
    return new PathRange(path, path + "\0");
  }

  /**
   * What a listing at or below {@code path} ("" for all) covers, in path order: the path itself,
   * then everything below it, {@code [path + "/", path + "0")}, '0' following '/'. Two ranges,
   * since a name such as {@code path!x} sorts between them and is not below the path.
   */
  static List<PathRange> atOrBelow(String path) {
    if (path.isEmpty()) {
      return List.of(new PathRange("", null));
    }
    return List.of(exactly(path), new PathRange(path + "/", path + "0"));
  }

  boolean contains(String path) {
    return path.compareTo(from) >= 0 && (to == null || path.compareTo(to) < 0);
  }

  /** Whether some path of the part may lie in this range. */
  boolean meets(PartRange part) {
    return part.last().compareTo(from) >= 0 && (to == null || part.first().compareTo(to) < 0);
  }

  /** Whether every path of the part lies in this range. */
  boolean holds(PartRange part) {
    return contains(part.first()) && contains(part.last());
  }
}
