package io.syncplan.contracts.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The options of one rclone backend that syncplan knows, by what they may be used for.
 *
 * @param options non-secret options, with the kind their values are checked as
 * @param secrets options that hold credentials, sent and stored as secrets
 * @param obscured secrets rclone takes in its obscured form ({@code rclone obscure})
 * @param host options that use the executor machine's own credentials, files, sockets or links;
 *     refused unless the operator enables them by name
 * @param commands options that make rclone run a program, with the rclone versions that have them;
 *     always refused
 */
public record BackendOptions(
    Map<String, OptionKind> options,
    Map<String, OptionKind> secrets,
    Set<String> obscured,
    Map<String, OptionKind> host,
    Map<String, List<String>> commands) {

  public BackendOptions {
    options = options == null ? Map.of() : new TreeMap<>(options);
    secrets = secrets == null ? Map.of() : new TreeMap<>(secrets);
    obscured = obscured == null ? Set.of() : new TreeSet<>(obscured);
    host = host == null ? Map.of() : new TreeMap<>(host);
    commands = commands == null ? Map.of() : new TreeMap<>(commands);
  }

  /** The kind of a non-secret or host option, or null when it is neither. */
  public OptionKind plainKind(String option) {
    OptionKind kind = options.get(option);
    return kind != null ? kind : host.get(option);
  }

  /**
   * True when the option names other storages (a wrapper's {@code remote} or {@code upstreams}).
   */
  public boolean wraps(String option) {
    OptionKind kind = options.get(option);
    return kind == OptionKind.REMOTE || kind == OptionKind.UPSTREAMS;
  }
}
