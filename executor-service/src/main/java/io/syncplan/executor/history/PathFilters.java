package io.syncplan.executor.history;

import io.syncplan.contracts.run.RestoreRules;
import java.util.ArrayList;
import java.util.List;

/**
 * rclone filter rules that narrow a listing to one path (a file, or a folder and everything in it),
 * the path's characters taken literally: rclone reads {@code * ? [ ] { } \} in a rule as a pattern,
 * so each is escaped.
 */
public final class PathFilters {

  private PathFilters() {}

  /** Below a plan's destination (or a target): the path, never the history folder. */
  public static List<String> below(String path) {
    List<String> rules = new ArrayList<>();
    rules.add("- /" + RestoreRules.HISTORY_FOLDER + "/**");
    if (!path.isEmpty()) {
      rules.add("+ /" + escape(path));
      rules.add("+ /" + escape(path) + "/**");
      rules.add("- **");
    }
    return rules;
  }

  /** In a folder of revision folders: the path in each of them. */
  public static List<String> inEveryRevision(String path) {
    if (path.isEmpty()) {
      return List.of();
    }
    return List.of("+ /*/" + escape(path), "+ /*/" + escape(path) + "/**", "- **");
  }

  /** The path with rclone's pattern characters escaped. */
  static String escape(String path) {
    StringBuilder escaped = new StringBuilder(path.length() + 8);
    for (char c : path.toCharArray()) {
      if ("*?[]{}\\".indexOf(c) >= 0) {
        escaped.append('\\');
      }
      escaped.append(c);
    }
    return escaped.toString();
  }
}
