package io.syncplan.contracts.plan;

import java.util.List;

/** Ready-made exclude patterns for files nobody wants in a backup. */
public enum FilterPreset {
  TEMPORARY_FILES(List.of("*.tmp", "*.temp", "*.swp", "*~", ".~lock.*")),
  SYSTEM_FILES(List.of(".DS_Store", "Thumbs.db", "desktop.ini", ".Trash-*/**", "$RECYCLE.BIN/**")),
  BUILD_OUTPUT(List.of("node_modules/**", "target/**", "build/**", "__pycache__/**", "*.pyc"));

  private final List<String> excludePatterns;

  FilterPreset(List<String> excludePatterns) {
    this.excludePatterns = excludePatterns;
  }

  /** The rclone filter patterns this preset excludes. */
  public List<String> excludePatterns() {
    return excludePatterns;
  }
}
