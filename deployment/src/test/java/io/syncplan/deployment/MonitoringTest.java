package io.syncplan.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard and the Prometheus alert rules of k8s/components/monitoring: well formed,
 * built only on documented metrics, and alerting when (and only when) they should.
 */
@SuppressWarnings("unchecked")
class MonitoringTest {

  static final String COMPONENT = "k8s/components/monitoring/";
  static final String DASHBOARD = COMPONENT + "syncplan-dashboard.json";
  static final String RULES = COMPONENT + "prometheus-rules.yaml";

  static JsonNode dashboard() {
    JsonMapper strict =
        JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    return strict.readTree(Repository.read(DASHBOARD));
  }

  /** Every panel, those inside collapsed rows too. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      panels.add(panel);
      if (panel.has("panels")) {
        panel.get("panels").forEach(panels::add);
      }
    }
    return panels;
  }

  static List<String> dashboardExpressions() {
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : panels(dashboard())) {
      if (panel.has("targets")) {
        panel.get("targets").forEach(target -> expressions.add(target.get("expr").asString()));
      }
    }
    return expressions;
  }

  static List<Map<String, Object>> alertRules() {
    Map<String, Object> spec = (Map<String, Object>) Repository.yaml(RULES).get("spec");
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) spec.get("groups")) {
      rules.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    return rules;
  }

  @Test
  void theDashboardIsValidJsonWithUniquePanelIdsAndADataSourceVariable() {
    JsonNode dashboard = dashboard();

    List<Integer> ids = panels(dashboard).stream().map(panel -> panel.get("id").asInt()).toList();
    assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
    assertThat(dashboard.get("uid").asString()).isNotBlank();

    List<JsonNode> variables = new ArrayList<>();
    dashboard.get("templating").get("list").forEach(variables::add);
    assertThat(variables)
        .anySatisfy(
            variable -> {
              assertThat(variable.get("name").asString()).isEqualTo("datasource");
              assertThat(variable.get("type").asString()).isEqualTo("datasource");
              assertThat(variable.get("query").asString()).isEqualTo("prometheus");
            });
    // Every query goes to the chosen data source, none to one that exists only where it was made.
    for (JsonNode panel : panels(dashboard)) {
      if (!panel.get("type").asString().equals("row")) {
        assertThat(panel.get("datasource").get("uid").asString())
            .as(panel.get("title").asString())
            .isEqualTo("${datasource}");
        assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
      }
    }
  }

  @Test
  void theDashboardShowsRunsPlansSchedulesExecutorsLagAndNotifications() {
    Set<String> shown = new TreeSet<>();
    dashboardExpressions().forEach(expression -> shown.addAll(PromQl.metricNames(expression)));

    assertThat(shown)
        .contains(
            "syncplan_executor_runs_seconds_count",
            "syncplan_executor_runs_seconds_bucket",
            "syncplan_executor_transferred_bytes_total",
            "syncplan_executor_files_total",
            "syncplan_executor_retries_total",
            "syncplan_plan_out_of_sync",
            "syncplan_scheduler_fires_total",
            "syncplan_scheduler_fires_skipped_total",
            "syncplan_scheduler_fires_missed_total",
            "syncplan_scheduler_lateness_seconds_bucket",
            "syncplan_executor_running",
            "syncplan_executor_concurrency",
            "syncplan_executor_runs_waiting",
            "kafka_consumer_fetch_manager_records_lag",
            "syncplan_notifications_deliveries_total",
            "syncplan_notifications_latency_seconds_bucket");
    // Every executor of a pool reports the same number of waiting runs.
    assertThat(dashboardExpressions())
        .filteredOn(expression -> expression.contains("syncplan_executor_runs_waiting"))
        .allMatch(expression -> expression.startsWith("max by (pool)"));
  }

  @Test
  void everyMetricOfTheDashboardAndTheAlertsIsDocumented() {
    String documentation = Repository.read("docs/metrics.md");
    List<String> expressions = new ArrayList<>(dashboardExpressions());
    alertRules().forEach(rule -> expressions.add(String.valueOf(rule.get("expr"))));

    Set<String> used = new TreeSet<>();
    expressions.forEach(expression -> used.addAll(PromQl.metricNames(expression)));

    assertThat(used).hasSizeGreaterThan(20);
    assertThat(used)
        .allSatisfy(
            metric ->
                assertThat(documentation)
                    .as("docs/metrics.md documents " + metric)
                    .contains("`" + PromQl.documentedName(metric) + "`"));
  }

  /**
   * The smoke-check table (which the standalone end-to-end test scrapes for) lists only metrics
   * that the rest of docs/metrics.md describes.
   */
  @Test
  void theSmokeCheckListsOnlyMetricsTheCatalogueDescribes() {
    String documentation = Repository.read("docs/metrics.md");
    int start = documentation.indexOf("<!-- smoke-check:start -->");
    int end = documentation.indexOf("<!-- smoke-check:end -->");
    assertThat(start).isPositive();
    assertThat(end).isGreaterThan(start);
    String catalogue = documentation.substring(end);

    List<String> samples =
        documentation
            .substring(start, end)
            .lines()
            .filter(line -> line.startsWith("| `"))
            .map(line -> line.substring(3, line.indexOf('`', 3)))
            .toList();
    assertThat(samples).hasSizeGreaterThan(20);
    assertThat(samples)
        .allSatisfy(
            sample ->
                assertThat(catalogue)
                    .as("docs/metrics.md describes " + sample)
                    .contains("| `" + PromQl.documentedName(sample) + "` |"));
  }

  @Test
  void everyAlertHasASeverityASummaryADescriptionAndAPendingPeriod() {
    List<Map<String, Object>> alerts =
        alertRules().stream().filter(rule -> rule.containsKey("alert")).toList();
    assertThat(alerts).isNotEmpty();
    Set<String> names = new HashSet<>();
    for (Map<String, Object> alert : alerts) {
      String name = (String) alert.get("alert");
      assertThat(names.add(name)).as("unique alert name " + name).isTrue();
      assertThat(Repository.duration((String) alert.get("for"))).as(name).isPositive();
      Map<String, Object> labels = (Map<String, Object>) alert.get("labels");
      assertThat(labels.get("severity")).as(name).isIn("critical", "warning", "info");
      Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
      assertThat((String) annotations.get("summary")).as(name).isNotBlank();
      assertThat((String) annotations.get("description")).as(name).isNotBlank();
    }
  }

  @Test
  void theAlertsCoverOutOfSyncPlansFailuresFallingBehindLatenessNotificationsAndReadiness() {
    Map<String, Map<String, Object>> alerts = new java.util.HashMap<>();
    alertRules().forEach(rule -> alerts.put((String) rule.get("alert"), rule));

    assertThat(alerts)
        .containsKeys(
            "SyncplanPlanOutOfSync",
            "SyncplanPlanFailingRepeatedly",
            "SyncplanExecutorPoolFallingBehind",
            "SyncplanCommandLagGrowing",
            "SyncplanSchedulerLate",
            "SyncplanNotificationsFailing",
            "SyncplanServiceNotReady");
    Map<String, Object> outOfSync = alerts.get("SyncplanPlanOutOfSync");
    assertThat(outOfSync.get("expr"))
        .isEqualTo("max by (plan_id, plan) (syncplan_plan_out_of_sync) == 1");
    assertThat(Repository.duration((String) outOfSync.get("for")))
        .isEqualTo(Duration.ofMinutes(15));
  }

  /**
   * promtool parses every expression and runs the unit tests in alert-rules-test.yml: each alert
   * fires after its pending period on the series it is about, once per plan or pool even when
   * several replicas report the same gauge, and stays quiet on the series it is not about.
   */
  @Test
  void promtoolAcceptsTheRulesAndTheyFireWhenTheyShould(@TempDir Path directory)
      throws IOException {
    assumeTrue(
        Repository.onPath("promtool"),
        "promtool is not installed (apt-get install prometheus, or the Prometheus release)");
    Map<String, Object> spec = (Map<String, Object>) Repository.yaml(RULES).get("spec");
    DumperOptions block = new DumperOptions();
    block.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    Path rules = directory.resolve("syncplan-rules.yml");
    Files.writeString(rules, new Yaml(block).dump(spec));
    Path tests = directory.resolve("alert-rules-test.yml");
    try (var in = MonitoringTest.class.getResourceAsStream("/alert-rules-test.yml")) {
      Files.write(tests, in.readAllBytes());
    }

    assertThat(Repository.run(List.of("promtool", "check", "rules", rules.toString())))
        .contains("SUCCESS: " + alertRules().size() + " rules found");
    assertThat(Repository.run(List.of("promtool", "test", "rules", tests.toString())))
        .contains("SUCCESS");
  }

  @Test
  void theProdOverlayIsScrapedAlertedOnAndHasTheDashboard() {
    assumeTrue(Repository.onPath("kubectl"), "kubectl is not installed");
    List<Map<String, Object>> resources =
        Repository.documents(Repository.run(List.of("kubectl", "kustomize", "k8s/overlays/prod")));

    assertThat(KustomizeTest.ofKind(resources, "PrometheusRule")).hasSize(1);
    assertThat(KustomizeTest.ofKind(resources, "PodMonitor")).hasSize(1);
    Map<String, Object> dashboard =
        KustomizeTest.ofKind(resources, "ConfigMap").stream()
            .filter(map -> KustomizeTest.name(map).equals("syncplan-grafana-dashboard"))
            .findFirst()
            .orElseThrow();
    Map<String, Object> metadata = KustomizeTest.map(dashboard, "metadata");
    assertThat(KustomizeTest.map(metadata, "labels")).containsEntry("grafana_dashboard", "1");
    // The ConfigMap carries the dashboard file itself, not a copy that could drift.
    assertThat(KustomizeTest.map(dashboard, "data").get("syncplan-dashboard.json"))
        .isEqualTo(Repository.read(DASHBOARD));
    Map<String, Object> rule = KustomizeTest.ofKind(resources, "PrometheusRule").get(0);
    assertThat(rule.get("spec")).isEqualTo(Repository.yaml(RULES).get("spec"));
  }
}
