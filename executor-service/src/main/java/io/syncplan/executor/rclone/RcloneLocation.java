package io.syncplan.executor.rclone;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Where rclone reads or writes, as it names it on its command line ({@code /data/photos}, {@code
 * DST:backups/photos}), with the environment variables that define its remotes and the secrets
 * among their values (in every form rclone may repeat them), for masking.
 */
public record RcloneLocation(
    String location, Map<String, String> environment, Set<String> secrets) {

  public RcloneLocation {
    environment = Map.copyOf(environment);
    secrets = Set.copyOf(secrets);
  }

  /** A path below this location. */
  public RcloneLocation child(String relative) {
    String separator = location.endsWith(":") || location.endsWith("/") ? "" : "/";
    return new RcloneLocation(location + separator + relative, environment, secrets);
  }

  /** The environment and secrets of both locations, for one command that uses both. */
  public static Map<String, String> environment(RcloneLocation... locations) {
    Map<String, String> all = new HashMap<>();
    for (RcloneLocation location : locations) {
      all.putAll(location.environment());
    }
    return all;
  }

  public static Set<String> secrets(RcloneLocation... locations) {
    Set<String> all = new HashSet<>();
    for (RcloneLocation location : locations) {
      all.addAll(location.secrets());
    }
    return all;
  }
}
