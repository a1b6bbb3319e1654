package io.syncplan.executor.hook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The commands plans of this executor's pool may run as hooks, by name. API users only ever name
 * one of these: the command line is the operator's.
 *
 * @param hooks the commands, by name ({@code syncplan.executor.hooks.<name>})
 * @param hookMaxTimeout the longest a hook may run, whatever its plan says
 * @param hookOutput how much of a hook's output is kept for its run (the last lines)
 */
@ConfigurationProperties("syncplan.executor")
public record HookProperties(
    Map<String, HookCommand> hooks,
    @DefaultValue("10m") Duration hookMaxTimeout,
    @DefaultValue("16KB") DataSize hookOutput) {

  /** What a hook's name may look like, here and in plans. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public HookProperties {
    hooks = hooks == null ? Map.of() : Map.copyOf(hooks);
    hooks
        .keySet()
        .forEach(
            name -> {
              if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                    "syncplan.executor.hooks."
                        + name
                        + ": a hook's name must be 1 to 63 lower-case letters, digits or '-'");
              }
            });
    if (hookMaxTimeout == null || hookMaxTimeout.isNegative() || hookMaxTimeout.isZero()) {
      throw new IllegalArgumentException("syncplan.executor.hook-max-timeout must be positive");
    }
  }

  /** How long a hook may run: what its plan asks, at most {@code hookMaxTimeout}. */
  Duration timeoutFor(Duration requested) {
    return requested.compareTo(hookMaxTimeout) > 0 ? hookMaxTimeout : requested;
  }

  /**
   * A command an operator offers as a hook.
   *
   * @param args the program and its arguments, run as they are, without a shell
   * @param workingDirectory where it runs; the executor's working directory when not set
   * @param environment variables it gets besides PATH and the run's {@code SYNCPLAN_*}; nothing
   *     else of the executor's environment reaches it
   * @param secretEnvironment variables like {@code environment} whose values are masked in the
   *     output kept for the run
   */
  public record HookCommand(
      List<String> args,
      Path workingDirectory,
      Map<String, String> environment,
      Map<String, String> secretEnvironment) {

    public HookCommand {
      if (args == null || args.isEmpty() || args.get(0).isBlank()) {
        throw new IllegalArgumentException(
            "syncplan.executor.hooks.<name>.args must name the program to run");
      }
      args = List.copyOf(args);
      environment = environment == null ? Map.of() : Map.copyOf(environment);
      secretEnvironment = secretEnvironment == null ? Map.of() : Map.copyOf(secretEnvironment);
    }

    @Override
    public String toString() {
      return "HookCommand[args=" + args + ", secretEnvironment=" + secretEnvironment.keySet() + "]";
    }
  }
}
