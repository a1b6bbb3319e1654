package io.syncplan.executor.rclone;

import java.util.LinkedHashMap;
import java.util.Map;

/** The most recent paths seen, the oldest forgotten first. */
final class RecentPaths {
  private static final int WINDOW = 10_000;

  private final Map<String, Boolean> paths =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > WINDOW;
        }
      };

  void add(String path) {
    paths.put(path, Boolean.TRUE);
  }

  boolean remove(String path) {
    return paths.remove(path) != null;
  }
}
