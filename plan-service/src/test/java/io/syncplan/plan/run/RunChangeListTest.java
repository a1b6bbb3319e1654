package io.syncplan.plan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.run.RunChangeList;
import io.syncplan.contracts.run.RunChangeList.ChangeKind;
import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.PlanServiceTest;
import io.syncplan.support.CommandTopics;
import io.syncplan.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A run's complete change list: its parts ({@code run.changes}) stored outside the run and served
 * paged and filtered by {@code /runs/{id}/changes}, however long the list.
 */
@PlanServiceTest
class RunChangeListTest {

  private static final int ADDED = 3_000;
  private static final int MODIFIED = 1_500;
  private static final int DELETED = 500;

  @Autowired WebTestClient http;
  @Autowired CommandTopics commandTopics;
  @Autowired ReactiveMongoTemplate mongo;
  RunScenario scenario;

  @BeforeEach
  void setUp(TestInfrastructure infrastructure) {
    http = http.mutate().defaultHeader("Authorization", PlanServiceTest.ADMIN).build();
    scenario = RunScenario.start(http, commandTopics, infrastructure);
  }

  @AfterEach
  void stop() {
    scenario.close();
  }

  @Test
  void aRunOfFiveThousandChangesIsPagedThroughCompletely() {
    String planId = scenario.createPlan("five-thousand", "MIRROR", "");
    String runId = finishedRun(planId);

    List<String> paged = new ArrayList<>();
    for (int page = 0; ; page++) {
      Map<?, ?> body = changes(runId, "size=1000&page=" + page);
      assertThat(((Number) body.get("totalItems")).intValue()).isEqualTo(5_000);
      assertThat(((Number) body.get("omitted")).intValue()).isZero();
      List<?> items = (List<?>) body.get("items");
      if (items.isEmpty()) {
        break;
      }
      items.forEach(item -> paged.add(((Map<?, ?>) item).get("kind") + " " + path(item)));
    }

    List<String> expected = new ArrayList<>();
    paths("added", ADDED).forEach(path -> expected.add("ADDED " + path));
    paths("changed", MODIFIED).forEach(path -> expected.add("MODIFIED " + path));
    paths("gone", DELETED).forEach(path -> expected.add("DELETED " + path));
    assertThat(paged).containsExactlyElementsOf(expected);

    Map<?, ?> deleted = changes(runId, "kind=DELETED&size=7&page=71");
    assertThat(((Number) deleted.get("totalItems")).intValue()).isEqualTo(DELETED);
    assertThat((List<?>) deleted.get("items"))
        .extracting(RunChangeListTest::path)
        .containsExactly("gone/f497.txt", "gone/f498.txt", "gone/f499.txt");

    Map<?, ?> folder = changes(runId, "prefix=changed/f14&size=1000");
    assertThat(((Number) folder.get("totalItems")).intValue()).isEqualTo(111); // f14, f140..f1499
    assertThat((List<?>) folder.get("items"))
        .extracting(RunChangeListTest::path)
        .allMatch(path -> ((String) path).startsWith("changed/f14"));
  }

  @Test
  void aRunWhosePartsWereStoredWithoutTheirCountsIsStillPaged() {
    String planId = scenario.createPlan("stored-before-counts", "MIRROR", "");
    String runId = finishedRun(planId);
    // As an earlier version stored them: the parts alone.
    mongo
        .remove(Query.query(Criteria.where("runId").is(runId)), RunChangeCounts.class)
        .block(Duration.ofSeconds(10));

    Map<?, ?> page = changes(runId, "size=1000&page=3");
    assertThat(((Number) page.get("totalItems")).intValue()).isEqualTo(5_000);
    assertThat((List<?>) page.get("items"))
        .extracting(RunChangeListTest::path)
        .startsWith("changed/f0.txt")
        .hasSize(1000);
    Map<?, ?> deleted = changes(runId, "kind=DELETED&size=7&page=71");
    assertThat((List<?>) deleted.get("items"))
        .extracting(RunChangeListTest::path)
        .containsExactly("gone/f497.txt", "gone/f498.txt", "gone/f499.txt");
  }

  private String finishedRun(String planId) {
    String runId = scenario.runNow(planId, "{}");
    Instant started = Instant.parse("2026-01-01T10:00:00Z");
    scenario.send(new RunStarted(runId, planId, 1, "executor-7", started));
    // A part of an earlier attempt that failed does not count.
    scenario.send(new RunChangeList(runId, planId, 1, ChangeKind.ADDED, 0, List.of("stale.txt")));
    scenario.send(new RunStarted(runId, planId, 2, "executor-7", started.plusSeconds(5)));
    int part = 0;
    for (List<String> chunk : chunks(paths("added", ADDED))) {
      scenario.send(new RunChangeList(runId, planId, 2, ChangeKind.ADDED, part++, chunk));
    }
    part = 0;
    for (List<String> chunk : chunks(paths("changed", MODIFIED))) {
      scenario.send(new RunChangeList(runId, planId, 2, ChangeKind.MODIFIED, part++, chunk));
    }
    scenario.send(
        new RunChangeList(runId, planId, 2, ChangeKind.DELETED, 0, paths("gone", DELETED)));
    RunChanges firstPage =
        new RunChanges(
            paths("added", ADDED).subList(0, 1000),
            paths("changed", MODIFIED).subList(0, 1000),
            paths("gone", DELETED),
            List.of(),
            2_500);
    scenario.send(
        new RunFinished(
            runId,
            planId,
            RunStatus.SUCCEEDED,
            started,
            started.plusSeconds(30),
            2,
            false,
            new RunStats(ADDED, MODIFIED, DELETED, 0, 1234, 10, 0),
            firstPage,
            null));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                http.get()
                    .uri("/api/v1/runs/{id}", runId)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("SUCCEEDED"));
    return runId;
  }

  private Map<?, ?> changes(String runId, String query) {
    return http.get()
        .uri("/api/v1/runs/" + runId + "/changes?" + query)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(Map.class)
        .returnResult()
        .getResponseBody();
  }

  private static Object path(Object item) {
    return ((Map<?, ?>) item).get("path");
  }

  private static List<String> paths(String folder, int count) {
    return IntStream.range(0, count).mapToObj(i -> folder + "/f" + i + ".txt").toList();
  }

  private static List<List<String>> chunks(List<String> paths) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < paths.size(); from += RunChangeList.MAX_PATHS) {
      chunks.add(paths.subList(from, Math.min(paths.size(), from + RunChangeList.MAX_PATHS)));
    }
    return chunks;
  }
}
