package io.syncplan.executor.rclone;

import io.syncplan.contracts.plan.FilterPreset;
import io.syncplan.contracts.plan.FilterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan's filters as the lines of an rclone filter file ({@code --filter-from}): rclone takes the
 * first rule that matches, so syncplan's own folder comes first, then the excludes, then the
 * includes, and, when there are includes, a final rule leaving out everything else.
 */
public final class FilterRules {

  /** Where syncplan keeps its own data at the destination (the revision history). */
  public static final String SYNCPLAN_FOLDER = ".syncplan";

  private FilterRules() {}

  public static List<String> of(FilterSpec filters) {
    List<String> rules = new ArrayList<>();
    rules.add("- /" + SYNCPLAN_FOLDER + "/**");
    for (String pattern : filters.excludePatterns()) {
      rules.add("- " + pattern("exclude pattern", pattern));
    }
    for (FilterPreset preset : filters.presets()) {
      for (String pattern : preset.excludePatterns()) {
        rules.add("- " + pattern);
      }
    }
    for (String include : filters.includePaths()) {
      String path = pattern("include path", include);
      if (isGlob(path)) {
        rules.add("+ " + path);
      } else {
        // A plain path names a folder (everything below it) or a single file.
        String anchored = "/" + strip(path);
        rules.add("+ " + anchored + "/**");
        rules.add("+ " + anchored);
      }
    }
    if (!filters.includePaths().isEmpty()) {
      rules.add("- **");
    }
    return List.copyOf(rules);
  }

  private static String pattern(String setting, String pattern) {
    String value =
        RcloneArguments.value(
            setting, pattern == null ? null : RcloneArguments.line(setting, pattern).strip());
    if (value.equals("!") || value.startsWith("+ ") || value.startsWith("! ")) {
      throw new UnsafeArgumentException(setting + " is not a pattern: " + value);
    }
    return value;
  }

  private static boolean isGlob(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  private static String strip(String path) {
    String stripped = path;
    while (stripped.startsWith("/")) {
      stripped = stripped.substring(1);
    }
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    if (stripped.isEmpty()) {
      throw new UnsafeArgumentException("include path must name a folder or file: " + path);
    }
    return stripped;
  }
}
