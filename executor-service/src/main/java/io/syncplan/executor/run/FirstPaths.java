package io.syncplan.executor.run;

import io.syncplan.executor.rclone.RcloneLogParser;
import java.util.List;
import java.util.TreeSet;

/**
 * The paths of one outcome of a restore as its run lists them: the first ones in path order, up to
 * {@link RcloneLogParser#MAX_LISTED_PATHS}, and how many there were. Memory stays flat however many
 * paths are offered, in whatever order.
 */
final class FirstPaths {

  private final TreeSet<String> first = new TreeSet<>();
  private long count;

  void add(String path) {
    count++;
    first.add(path);
    if (first.size() > RcloneLogParser.MAX_LISTED_PATHS) {
      first.pollLast();
    }
  }

  /** Counts paths that are known only by number. */
  void addUnnamed(long more) {
    count += more;
  }

  List<String> paths() {
    return List.copyOf(first);
  }

  long count() {
    return count;
  }

  /** How many are counted but not listed. */
  long omitted() {
    return count - first.size();
  }
}
