package io.syncplan.contracts.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Which files a plan touches. With include paths, only those are synced; exclude patterns and
 * presets take files out. Patterns use rclone's filter syntax.
 */
public record FilterSpec(
    List<String> includePaths, List<String> excludePatterns, List<FilterPreset> presets) {

  public static final FilterSpec NONE = new FilterSpec(List.of(), List.of(), List.of());

  public FilterSpec {
    includePaths = includePaths == null ? List.of() : List.copyOf(includePaths);
    excludePatterns = excludePatterns == null ? List.of() : List.copyOf(excludePatterns);
    presets = presets == null ? List.of() : List.copyOf(presets);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return includePaths.isEmpty() && excludePatterns.isEmpty() && presets.isEmpty();
  }
}
