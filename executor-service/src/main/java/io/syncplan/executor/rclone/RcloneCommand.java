package io.syncplan.executor.rclone;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An rclone invocation: an argument list (never a shell line) and the environment variables that
 * carry remotes and secrets. {@link #toString()} shows no environment values.
 *
 * @param secrets every secret value in the environment, in each form rclone may repeat it, so that
 *     its log can be cleaned of them
 */
public record RcloneCommand(
    List<String> arguments, Map<String, String> environment, Set<String> secrets) {

  public RcloneCommand {
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
    secrets = Set.copyOf(secrets);
  }

  public RcloneCommand(List<String> arguments, Map<String, String> environment) {
    this(arguments, environment, Set.of());
  }

  /** The rclone sub-command, such as {@code sync}. */
  public String verb() {
    return arguments.size() > 1 ? arguments.get(1) : "";
  }

  @Override
  public String toString() {
    return String.join(" ", arguments) + " (environment: " + environment.keySet() + ")";
  }
}
