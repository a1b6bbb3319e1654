package io.syncplan.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Renders every kustomization under k8s/ with {@code kubectl kustomize} and checks it. */
@SuppressWarnings("unchecked")
class KustomizeTest {

  @BeforeAll
  static void kubectlIsThere() {
    assumeTrue(Repository.onPath("kubectl"), "kubectl is not installed");
  }

  static List<String> kustomizations() {
    return Repository.kustomizations();
  }

  static List<Map<String, Object>> render(String directory) {
    return Repository.documents(Repository.run(List.of("kubectl", "kustomize", directory)));
  }

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> resources, String kind) {
    return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
  }

  static Map<String, Object> map(Object value, String key) {
    return (Map<String, Object>) ((Map<String, Object>) value).get(key);
  }

  static String name(Map<String, Object> resource) {
    return (String) map(resource, "metadata").get("name");
  }

  @Test
  void everyOverlayAndExampleIsChecked() {
    assertThat(kustomizations())
        .contains("k8s/base", "k8s/overlays/dev", "k8s/overlays/prod", "k8s/examples/remote-agent");
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void everyContainerHasProbesResourcesAndARestrictedSecurityContext(String directory) {
    for (Map<String, Object> deployment : ofKind(render(directory), "Deployment")) {
      Map<String, Object> pod = map(map(deployment, "spec"), "template");
      Map<String, Object> podSpec = map(pod, "spec");
      Map<String, Object> podSecurity = map(podSpec, "securityContext");
      assertThat(podSecurity.get("runAsNonRoot")).as(name(deployment)).isEqualTo(true);
      assertThat(map(podSecurity, "seccompProfile").get("type")).isEqualTo("RuntimeDefault");
      assertThat(podSpec.get("automountServiceAccountToken")).isEqualTo(false);
      for (Map<String, Object> container : (List<Map<String, Object>>) podSpec.get("containers")) {
        String what = directory + " " + container.get("name");
        assertThat(map(map(container, "livenessProbe"), "httpGet").get("path"))
            .as(what)
            .isEqualTo("/actuator/health/liveness");
        assertThat(map(map(container, "readinessProbe"), "httpGet").get("path"))
            .as(what)
            .isEqualTo("/actuator/health/readiness");
        Map<String, Object> resources = map(container, "resources");
        assertThat(map(resources, "requests")).as(what).containsKeys("cpu", "memory");
        assertThat(map(resources, "limits")).as(what).containsKeys("cpu", "memory");
        Map<String, Object> security = map(container, "securityContext");
        assertThat(security.get("readOnlyRootFilesystem")).as(what).isEqualTo(true);
        assertThat(security.get("allowPrivilegeEscalation")).as(what).isEqualTo(false);
        assertThat((List<String>) map(security, "capabilities").get("drop")).contains("ALL");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void imagesAreTheModulesImagesWithAPinnedTag(String directory) {
    for (Map<String, Object> deployment : ofKind(render(directory), "Deployment")) {
      List<Map<String, Object>> containers =
          (List<Map<String, Object>>)
              map(map(map(deployment, "spec"), "template"), "spec").get("containers");
      for (Map<String, Object> container : containers) {
        String image = (String) container.get("image");
        String module = image.substring("syncplan/".length(), image.indexOf(':'));
        assertThat(image).startsWith("syncplan/").doesNotEndWith(":latest");
        assertThat(Repository.SERVICES).as(image).contains(module);
        assertThat(container.get("name")).isEqualTo(module);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void noSecretValueIsCommitted(String directory) {
    for (Map<String, Object> secret : ofKind(render(directory), "Secret")) {
      assertThat(secret).as(name(secret)).doesNotContainKeys("data", "stringData");
    }
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void nothingReachesAPodUnlessAllowed(String directory) {
    List<Map<String, Object>> resources = render(directory);
    if (ofKind(resources, "Deployment").isEmpty()) {
      return;
    }
    assertThat(ofKind(resources, "NetworkPolicy"))
        .anyMatch(
            policy ->
                map(map(policy, "spec"), "podSelector").isEmpty()
                    && !map(policy, "spec").containsKey("ingress"));
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void kubernetesWaitsForRunningRunsBeforeKillingAnExecutor(String directory) {
    for (Map<String, Object> deployment : ofKind(render(directory), "Deployment")) {
      if (!name(deployment).equals("executor-service")) {
        continue;
      }
      Map<String, Object> podSpec = map(map(map(deployment, "spec"), "template"), "spec");
      Map<String, Object> container =
          ((List<Map<String, Object>>) podSpec.get("containers")).get(0);
      Map<String, String> env =
          ((List<Map<String, Object>>) container.get("env"))
              .stream()
                  .filter(variable -> variable.containsKey("value"))
                  .collect(
                      Collectors.toMap(
                          variable -> (String) variable.get("name"),
                          variable -> String.valueOf(variable.get("value"))));
      Duration grace = Repository.duration(env.get("SYNCPLAN_EXECUTOR_SHUTDOWN_GRACE_PERIOD"));
      Duration shutdownPhase =
          Repository.duration(env.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"));
      Duration termination =
          Duration.ofSeconds(((Number) podSpec.get("terminationGracePeriodSeconds")).longValue());

      assertThat(grace).as(directory).isEqualTo(Duration.ofMinutes(5));
      assertThat(shutdownPhase).as(directory).isGreaterThan(grace);
      assertThat(termination).as(directory).isGreaterThan(shutdownPhase);
    }
  }

  @Test
  void everyServiceOfTheBaseHasAServiceAndADisruptionBudget() {
    List<Map<String, Object>> resources = render("k8s/base");
    Set<String> deployments =
        ofKind(resources, "Deployment").stream()
            .map(KustomizeTest::name)
            .collect(Collectors.toSet());
    assertThat(deployments).containsExactlyInAnyOrderElementsOf(Repository.SERVICES);
    assertThat(ofKind(resources, "Service").stream().map(KustomizeTest::name))
        .containsAll(deployments);
    assertThat(ofKind(resources, "PodDisruptionBudget").stream().map(KustomizeTest::name))
        .containsAll(deployments);
    assertThat(ofKind(resources, "Secret")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void eachServiceGetsOnlyTheSecretsItUses(String directory) {
    Map<String, Set<String>> uses =
        Map.of(
            "plan-service",
            Set.of(
                "SYNCPLAN_SECRETS_KEY",
                "SYNCPLAN_API_KEY_PEPPER",
                "SYNCPLAN_BOOTSTRAP_API_KEY",
                "SYNCPLAN_COMMAND_SIGNING_PRIVATE_KEY"),
            "executor-service",
            // the public key: an executor verifies commands, it cannot sign them
            Set.of("SYNCPLAN_SECRETS_KEY", "SYNCPLAN_COMMAND_SIGNING_TRUSTED_KEYS"),
            "notification-service",
            Set.of("SYNCPLAN_SECRETS_KEY"),
            "scheduler-service",
            Set.of("SYNCPLAN_COMMAND_SIGNING_PRIVATE_KEY"));
    for (Map<String, Object> deployment : ofKind(render(directory), "Deployment")) {
      Map<String, Object> podSpec = map(map(map(deployment, "spec"), "template"), "spec");
      for (Map<String, Object> container : (List<Map<String, Object>>) podSpec.get("containers")) {
        String what = directory + " " + name(deployment);
        List<Map<String, Object>> envFrom =
            (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of());
        assertThat(envFrom)
            .as(what + " takes no whole Secret of the installation")
            .noneMatch(
                from ->
                    from.containsKey("secretRef")
                        && "syncplan-secrets".equals(map(from, "secretRef").get("name")));
        Set<String> secretKeys =
            ((List<Map<String, Object>>) container.getOrDefault("env", List.of()))
                .stream()
                    .filter(
                        env ->
                            env.get("valueFrom") instanceof Map<?, ?> from
                                && from.containsKey("secretKeyRef"))
                    .map(env -> (String) map(map(env, "valueFrom"), "secretKeyRef").get("key"))
                    .collect(Collectors.toSet());
        if (directory.startsWith("k8s/examples")) {
          assertThat(secretKeys).as(what).isEmpty();
        } else {
          assertThat(secretKeys).as(what).isEqualTo(uses.get(name(deployment)));
        }
        assertThat(secretKeys)
            .as(what)
            .doesNotContain(
                name(deployment).equals("plan-service") ? "" : "SYNCPLAN_BOOTSTRAP_API_KEY");
      }
    }
  }

  @Test
  void devRunsKafkaThroughStrimziAndAMongoDbStatefulSet() {
    List<Map<String, Object>> resources = render("k8s/overlays/dev");
    assertThat(ofKind(resources, "Kafka")).hasSize(1);
    assertThat(ofKind(resources, "KafkaNodePool")).hasSize(1);
    assertThat(ofKind(resources, "StatefulSet").stream().map(KustomizeTest::name))
        .containsExactly("mongodb");
    Map<String, Object> config = ofKind(resources, "ConfigMap").get(0);
    assertThat(map(config, "data").get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
        .isEqualTo("syncplan-kafka-bootstrap:9092");
  }

  @Test
  void prodUsesExternalKafkaOverSaslTlsAndScalesExecutorsWithKeda() {
    List<Map<String, Object>> resources = render("k8s/overlays/prod");
    Map<String, Object> config =
        map(
            ofKind(resources, "ConfigMap").stream()
                .filter(map -> name(map).equals("syncplan-config"))
                .findFirst()
                .orElseThrow(),
            "data");
    assertThat(config.get("SPRING_KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
    Map<String, Object> executor =
        ofKind(resources, "Deployment").stream()
            .filter(d -> name(d).equals("executor-service"))
            .findFirst()
            .orElseThrow();
    assertThat(map(executor, "spec").get("replicas")).isEqualTo(3);
    assertThat(ofKind(resources, "HorizontalPodAutoscaler")).hasSize(1);
    Map<String, Object> scaledObject = ofKind(resources, "ScaledObject").get(0);
    assertThat(map(map(scaledObject, "spec"), "scaleTargetRef").get("name"))
        .isEqualTo("executor-service");
    List<Map<String, Object>> triggers =
        (List<Map<String, Object>>) map(scaledObject, "spec").get("triggers");
    assertThat(triggers)
        .anyMatch(
            trigger ->
                trigger.get("type").equals("kafka")
                    && map(trigger, "metadata").get("topic").equals("syncplan.commands.default"));
    // Every executor of a pool reports the same number of waiting runs: a sum would count each
    // waiting run once per executor and scale out on runs that do not exist.
    assertThat(triggers)
        .filteredOn(trigger -> trigger.get("type").equals("prometheus"))
        .singleElement()
        .satisfies(
            trigger ->
                assertThat(map(trigger, "metadata").get("query"))
                    .isEqualTo("max(syncplan_executor_runs_waiting{pool=\"default\"})"));
  }
}
