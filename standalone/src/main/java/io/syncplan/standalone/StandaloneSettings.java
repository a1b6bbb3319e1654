package io.syncplan.standalone;

import io.syncplan.support.network.NetworkProperties;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the standalone stack starts, from environment variables or {@code --name=value} arguments (an
 * argument wins):
 *
 * <ul>
 *   <li>{@code SYNCPLAN_DATA_DIR} / {@code --syncplan.data-dir}: where Kafka's log, the MongoDB
 *       file and the executor's work files live; {@code ./data}
 *   <li>{@code SYNCPLAN_API_PORT} / {@code --syncplan.api-port}: the HTTP API; 8080. The other
 *       services listen on the next three ports (health and metrics only); 0 picks free ports.
 *   <li>{@code SYNCPLAN_KAFKA_PORT} / {@code --syncplan.kafka-port}: the embedded broker, for
 *       outside subscribers; 9092
 *   <li>{@code SYNCPLAN_HOST} / {@code --syncplan.host}: the address the API and the services'
 *       health endpoints listen on; localhost
 *   <li>{@code SYNCPLAN_KAFKA_HOST} / {@code --syncplan.kafka-host}: the address the embedded
 *       broker listens on; localhost, so that the broker (which has no authentication) is not on
 *       the network even when the API is
 *   <li>{@code SYNCPLAN_NETWORK_ALLOW} / {@code --syncplan.network.allow}: the address ranges and
 *       host names besides the public internet that webhooks and storages may reach; loopback and
 *       private networks (a NAS at home, a receiver on this machine), printed at start. Set it to
 *       {@code none} to allow public addresses only, as the containers do
 *   <li>{@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, {@code SPRING_MONGODB_URI}: use that Kafka or
 *       MongoDB instead of starting one
 *   <li>{@code SYNCPLAN_LOCAL_ROOTS} / {@code --syncplan.local-roots}: the folders of this machine
 *       plans may use as local sources and destinations, comma-separated; the user's home and
 *       {@code /tmp}. Printed at start.
 *   <li>{@code SYNCPLAN_BOOTSTRAP_API_KEY} / {@code --syncplan.bootstrap-api-key}: an admin API key
 *       to accept; without it (and without any admin key yet) one is generated and printed once
 * </ul>
 */
record StandaloneSettings(
    Path dataDir,
    String host,
    int apiPort,
    int kafkaPort,
    String externalKafka,
    String externalMongo,
    String bootstrapApiKey,
    String kafkaHost,
    List<String> networkAllow,
    List<String> localRoots) {

  /** The folders plans may use when {@code SYNCPLAN_LOCAL_ROOTS} does not say. */
  static final List<String> DEFAULT_LOCAL_ROOTS = List.of(System.getProperty("user.home"), "/tmp");

  StandaloneSettings {
    localRoots =
        localRoots == null || localRoots.isEmpty() ? DEFAULT_LOCAL_ROOTS : List.copyOf(localRoots);
  }

  static StandaloneSettings from(Map<String, String> environment, String[] args) {
    Map<String, String> values = new HashMap<>();
    put(values, "syncplan.data-dir", environment.get("SYNCPLAN_DATA_DIR"));
    put(values, "syncplan.host", environment.get("SYNCPLAN_HOST"));
    put(values, "syncplan.api-port", environment.get("SYNCPLAN_API_PORT"));
    put(values, "syncplan.kafka-port", environment.get("SYNCPLAN_KAFKA_PORT"));
    put(
        values,
        "spring.kafka.bootstrap-servers",
        environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"));
    put(values, "spring.mongodb.uri", environment.get("SPRING_MONGODB_URI"));
    put(values, "syncplan.bootstrap-api-key", environment.get("SYNCPLAN_BOOTSTRAP_API_KEY"));
    put(values, "syncplan.kafka-host", environment.get("SYNCPLAN_KAFKA_HOST"));
    put(values, "syncplan.network.allow", environment.get("SYNCPLAN_NETWORK_ALLOW"));
    put(values, "syncplan.local-roots", environment.get("SYNCPLAN_LOCAL_ROOTS"));
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        int equals = arg.indexOf('=');
        put(values, arg.substring(2, equals), arg.substring(equals + 1));
      }
    }
    return new StandaloneSettings(
        Path.of(values.getOrDefault("syncplan.data-dir", "data")).toAbsolutePath().normalize(),
        values.getOrDefault("syncplan.host", "localhost"),
        port(values, "syncplan.api-port", 8080),
        port(values, "syncplan.kafka-port", 9092),
        values.get("spring.kafka.bootstrap-servers"),
        values.get("spring.mongodb.uri"),
        values.get("syncplan.bootstrap-api-key"),
        values.getOrDefault("syncplan.kafka-host", "localhost"),
        networkAllow(values.get("syncplan.network.allow")),
        localRoots(values.get("syncplan.local-roots")));
  }

  private static List<String> localRoots(String value) {
    if (value == null) {
      return null;
    }
    List<String> roots =
        Arrays.stream(value.split(",")).map(String::strip).filter(root -> !root.isEmpty()).toList();
    for (String root : roots) {
      if (!Path.of(root).isAbsolute()) {
        throw new IllegalArgumentException(
            "SYNCPLAN_LOCAL_ROOTS must list absolute folders, not '" + root + "'");
      }
    }
    return roots;
  }

  private static List<String> networkAllow(String value) {
    if (value == null) {
      return NetworkProperties.LOCAL_NETWORKS;
    }
    if (value.equalsIgnoreCase("none")) {
      return List.of();
    }
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static void put(Map<String, String> values, String key, String value) {
    if (value != null && !value.isBlank()) {
      values.put(key, value.strip());
    }
  }

  private static int port(Map<String, String> values, String key, int fallback) {
    String value = values.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value);
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a port number, not '" + value + "'");
    }
  }

  /** The port of the n-th service after the API; free ports when the API port is 0. */
  int servicePort(int offset) {
    return apiPort == 0 ? 0 : apiPort + offset;
  }
}
