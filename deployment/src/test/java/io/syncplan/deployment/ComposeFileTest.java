package io.syncplan.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class ComposeFileTest {

  private final Map<String, Object> compose = Repository.yaml("docker-compose.yml");
  private final Map<String, Map<String, Object>> services =
      (Map<String, Map<String, Object>>) compose.get("services");

  @Test
  void runsTheFourServicesWithKafkaMongoMailpitAndMinio() {
    assertThat(services.keySet())
        .containsAll(Repository.SERVICES)
        .contains("kafka", "mongo", "mailpit", "minio");
    assertThat((String) services.get("kafka").get("image")).startsWith("apache/kafka:");
    assertThat((List<String>) services.get("mongo").get("command")).contains("--replSet");
  }

  @Test
  void everyServiceHasAHealthCheck() {
    services.forEach(
        (name, service) -> assertThat(service.get("healthcheck")).as(name).isNotNull());
  }

  @Test
  void everyImageTagIsPinned() {
    services.forEach(
        (name, service) -> {
          String image = (String) service.get("image");
          assertThat(image).as(name + " names an image").isNotNull();
          String tag = image.substring(image.lastIndexOf(':') + 1);
          assertThat(image).as(name).contains(":");
          assertThat(tag).as(name).isNotIn("latest", "edge", "stable", "main");
        });
  }

  @Test
  void serviceImagesAreBuiltFromTheirModulesDockerfile() {
    for (String module : Repository.SERVICES) {
      Map<String, Object> build = (Map<String, Object>) services.get(module).get("build");
      assertThat(build.get("dockerfile")).isEqualTo(module + "/Dockerfile");
      assertThat((String) services.get(module).get("image")).startsWith("syncplan/" + module + ":");
    }
  }

  @Test
  void hostPortsDoNotClash() {
    List<String> hostPorts = new ArrayList<>();
    services.values().stream()
        .map(service -> (List<Object>) service.getOrDefault("ports", List.of()))
        .flatMap(List::stream)
        .map(
            port -> {
              // [host address:]host port:container port
              String[] parts = String.valueOf(port).split(":");
              return parts[Math.max(0, parts.length - 2)];
            })
        .forEach(hostPorts::add);
    assertThat(hostPorts).doesNotHaveDuplicates();
  }

  @Test
  void theExecutorCanBeScaled() {
    Map<String, Object> executor = services.get("executor-service");
    assertThat(executor).doesNotContainKeys("container_name", "ports");
  }

  @Test
  void runningRunsGetTheirGracePeriodBeforeDockerKillsTheExecutor() {
    Map<String, Object> executor = services.get("executor-service");
    Map<String, Object> environment = (Map<String, Object>) executor.get("environment");
    Duration grace =
        Repository.duration((String) environment.get("SYNCPLAN_EXECUTOR_SHUTDOWN_GRACE_PERIOD"));
    Duration shutdownPhase =
        Repository.duration(
            (String) environment.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"));
    Duration stopGrace = Repository.duration((String) executor.get("stop_grace_period"));

    assertThat(grace).isEqualTo(Duration.ofMinutes(5));
    assertThat(shutdownPhase).isGreaterThan(grace);
    assertThat(stopGrace).isGreaterThan(shutdownPhase);
    // The executor keeps everything the other services get.
    assertThat(environment).containsKeys("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SYNCPLAN_SECRETS_KEY");
  }

  @Test
  void servicesWaitForAHealthyKafkaAndMongo() {
    for (String module : Repository.SERVICES) {
      Map<String, Map<String, String>> dependsOn =
          (Map<String, Map<String, String>>) services.get(module).get("depends_on");
      assertThat(dependsOn.get("kafka").get("condition")).isEqualTo("service_healthy");
      assertThat(dependsOn.get("mongo").get("condition")).isEqualTo("service_healthy");
    }
  }

  @Test
  void dataLivesInNamedVolumes() {
    Map<String, Object> volumes = (Map<String, Object>) compose.get("volumes");
    assertThat(volumes).containsKeys("kafka-data", "mongo-data", "minio-data", "executor-work");
  }

  @Test
  void noSecretIsCommitted() {
    String text = Repository.read("docker-compose.yml");
    assertThat(text).contains("SYNCPLAN_SECRETS_KEY: ${SYNCPLAN_SECRETS_KEY:?");
    assertThat(text).doesNotContainPattern("SYNCPLAN_SECRETS_KEY: [A-Za-z0-9+/]{43}=");
  }

  @Test
  void onlyTheApiIsPublishedOnTheNetworkAndEverythingElseOnThisMachineOnly() {
    services.forEach(
        (name, service) -> {
          for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
            if (name.equals("plan-service")) {
              assertThat(port.toString()).startsWith("${SYNCPLAN_API_BIND:-0.0.0.0}:8080:");
            } else {
              assertThat(port.toString()).as(name).startsWith("127.0.0.1:");
            }
          }
        });
  }

  @Test
  void minioHasNoDefaultPasswordButOneGeneratedAtTheFirstStart() {
    String text = Repository.read("docker-compose.yml");
    assertThat(text).doesNotContain("syncplan-demo-only").doesNotContain("MINIO_ROOT_PASSWORD:");
    assertThat(services).containsKey("minio-credentials");
    assertThat((List<String>) services.get("minio-credentials").get("entrypoint"))
        .anyMatch(line -> line.contains("/dev/urandom"));
  }

  @Test
  void executorsAndNotificationsNeverSeeTheAdminKeyOrThePepper() {
    for (String name : List.of("executor-service", "notification-service", "scheduler-service")) {
      Map<String, Object> environment =
          (Map<String, Object>) services.get(name).getOrDefault("environment", Map.of());
      assertThat(environment)
          .as(name)
          .doesNotContainKeys("SYNCPLAN_BOOTSTRAP_API_KEY", "SYNCPLAN_API_KEY_PEPPER");
    }
    assertThat((Map<String, Object>) services.get("scheduler-service").get("environment"))
        .doesNotContainKey("SYNCPLAN_SECRETS_KEY");
  }

  @Test
  void dockerComposeAcceptsTheFile() {
    assumeTrue(
        Repository.onPath("docker-compose"),
        "docker-compose is not installed (apt-get install docker-compose)");
    String rendered =
        Repository.run(
            List.of(
                "env",
                "SYNCPLAN_SECRETS_KEY=placeholder",
                "SYNCPLAN_COMMAND_SIGNING_PRIVATE_KEY=placeholder",
                "SYNCPLAN_COMMAND_SIGNING_TRUSTED_KEYS=placeholder",
                "SYNCPLAN_API_KEY_PEPPER=placeholder",
                "SYNCPLAN_BOOTSTRAP_API_KEY=placeholder",
                "docker-compose",
                "-f",
                "docker-compose.yml",
                "config"));
    assertThat(rendered).contains("executor-service");
  }
}
