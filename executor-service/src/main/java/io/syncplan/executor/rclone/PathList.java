package io.syncplan.executor.rclone;

import java.util.ArrayList;
import java.util.List;

/** The first paths of one kind of change, and how many there were. */
final class PathList {
  private final List<String> paths = new ArrayList<>();
  private long count;

  void add(String path) {
    count++;
    if (paths.size() < RcloneLogParser.MAX_LISTED_PATHS) {
      paths.add(path);
    }
  }

  /** Takes a listed path back; false when it is not listed (or was beyond the cap). */
  boolean remove(String path) {
    if (paths.remove(path)) {
      count--;
      return true;
    }
    return false;
  }

  /** Counts paths beyond the cap without listing them. */
  void addUnlisted(long more) {
    count += more;
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
