package io.syncplan.support.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where rclone connects for a storage, read from its options: the options that name a server
 * ({@code url}, {@code endpoint}, {@code host} ...) and any other option whose value is a URL, so
 * that an option a newer rclone adds is not missed.
 */
public final class StorageDestinations {

  /** An option of a storage and where it makes rclone connect. */
  public record Target(String option, Destination destination) {}

  /** Options that name a server, with or without a scheme. */
  static final Set<String> SERVER_OPTIONS =
      Set.of(
          "url",
          "endpoint",
          "host",
          "hostname",
          "namenode",
          "auth",
          "auth_url",
          "token_url",
          "sas_url",
          "download_url",
          "plex_url",
          "api_url",
          "storage_url",
          "front_endpoint");

  /**
   * Proxies rclone connects to for a backend, written {@code [user:pass@]host:port} without a
   * scheme (sftp's and ftp's {@code socks_proxy}); their port is their own, never {@code port}.
   */
  static final Set<String> PROXY_OPTIONS = Set.of("socks_proxy");

  /** The port a backend's {@code host} option connects to when {@code port} is not set. */
  private static final Map<String, Integer> HOST_PORTS = Map.of("sftp", 22, "ftp", 21, "smb", 445);

  private StorageDestinations() {}

  /** Every destination the storage's options name, in option order. */
  public static List<Target> of(String type, Map<String, String> options) {
    List<Target> targets = new ArrayList<>();
    if (options == null) {
      return targets;
    }
    int defaultPort = defaultPort(type, options);
    new TreeMap<>(options)
        .forEach(
            (option, value) -> {
              if (value == null || value.isBlank()) {
                return;
              }
              Optional<Destination> destination =
                  SERVER_OPTIONS.contains(option)
                      ? Destination.parse(value, defaultPort)
                      : PROXY_OPTIONS.contains(option)
                          ? Destination.parse(value, Destination.ANY_PORT)
                          : value.contains("://")
                              ? Destination.ofUrl(value.strip())
                              : Optional.empty();
              destination.ifPresent(d -> targets.add(new Target(option, d)));
            });
    return targets;
  }

  private static int defaultPort(String type, Map<String, String> options) {
    String port = options.get("port");
    if (port != null && !port.isBlank()) {
      try {
        return Destination.port(Integer.parseInt(port.strip()));
      } catch (NumberFormatException e) {
        return Destination.ANY_PORT;
      }
    }
    return HOST_PORTS.getOrDefault(type, Destination.ANY_PORT);
  }
}
