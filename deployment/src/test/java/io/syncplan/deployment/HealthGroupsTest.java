package io.syncplan.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The probes of the manifests and the compose health checks ask each service's Actuator health
 * groups: readiness must cover what the service cannot work without, liveness nothing outside the
 * process (a broker outage must not restart every pod). Read from each service's own configuration
 * file, as it ships in its image.
 */
@SuppressWarnings("unchecked")
class HealthGroupsTest {

  static final List<String> SERVICES = Repository.SERVICES;

  /** A service's configuration as Spring reads it: nested or dotted keys, flattened. */
  static Map<String, Object> configuration(String service) {
    Map<String, Object> flat = new TreeMap<>();
    flatten("", Repository.yaml(service + "/src/main/resources/" + service + ".yml"), flat);
    return flat;
  }

  private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> flat) {
    map.forEach(
        (key, value) -> {
          String name = prefix.isEmpty() ? key : prefix + "." + key;
          if (value instanceof Map<?, ?> nested) {
            flatten(name, (Map<String, Object>) nested, flat);
          } else {
            flat.put(name, value);
          }
        });
  }

  static List<String> members(Object include) {
    if (include instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return include == null
        ? List.of()
        : Arrays.stream(String.valueOf(include).split(",")).map(String::strip).toList();
  }

  @ParameterizedTest
  @FieldSource("SERVICES")
  void readinessCoversKafkaAndMongoAndLivenessOnlyTheProcess(String service) {
    Map<String, Object> configuration = configuration(service);
    String groups = "management.endpoint.health.group.";

    List<String> readiness = members(configuration.get(groups + "readiness.include"));
    assertThat(readiness).as(service).contains("readinessState", "mongo", "kafka");
    if (service.equals("executor-service")) {
      assertThat(readiness).as(service).contains("rclone");
    }
    assertThat(members(configuration.get(groups + "liveness.include")))
        .as(service)
        .containsExactly("livenessState");
    assertThat(members(configuration.get("management.endpoints.web.exposure.include")))
        .as(service)
        .contains("health", "prometheus");
  }
}
