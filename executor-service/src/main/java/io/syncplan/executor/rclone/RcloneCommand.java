package io.syncplan.executor.rclone;

import java.util.List;
import java.util.Map;

/**
 * An rclone invocation: an argument list (never a shell line) and the environment variables that
 * carry remotes and secrets. {@link #toString()} shows no environment values.
 */
public record RcloneCommand(List<String> arguments, Map<String, String> environment) {

  public RcloneCommand {
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
  }

  @Override
  public String toString() {
    return String.join(" ", arguments) + " (environment: " + environment.keySet() + ")";
  }
}
