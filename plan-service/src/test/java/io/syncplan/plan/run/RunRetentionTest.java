package io.syncplan.plan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.RunChangeList;
import io.syncplan.contracts.run.RunChangeList.ChangeKind;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.plan.HistoryMaintenanceTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.IndexField;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The run history stays bounded: by age and by count per plan (3 here), with the runs' logs and
 * deliveries, and never an unfinished run; the queries behind it have indexes.
 */
@HistoryMaintenanceTest
class RunRetentionTest {

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired RunRetention retention;

  final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

  @Test
  void finishedRunsPastTheirAgeOrBeyondTheirPlansCountGoWithTheirDeliveries() {
    String busy = "plan-" + UUID.randomUUID();
    List<String> busyRuns = new ArrayList<>();
    for (int hoursAgo = 6; hoursAgo >= 1; hoursAgo--) {
      busyRuns.add(insert(busy, RunStatus.SUCCEEDED, now.minus(Duration.ofHours(hoursAgo))));
    }
    // Unfinished for ten days: never pruned, and said to be fresh so that nobody asks after it.
    String unfinished = insert(busy, RunStatus.RUNNING, now.minus(Duration.ofDays(10)));
    String old = "plan-" + UUID.randomUUID();
    String tooOld1 = insert(old, RunStatus.FAILED, now.minus(Duration.ofDays(40)));
    String tooOld2 = insert(old, RunStatus.SUCCEEDED, now.minus(Duration.ofDays(35)));
    String recent = insert(old, RunStatus.SUCCEEDED, now.minus(Duration.ofDays(1)));
    delivery(busyRuns.get(0), now.minus(Duration.ofHours(6)));
    delivery(busyRuns.get(5), now.minus(Duration.ofHours(1)));
    delivery(recent, now.minus(Duration.ofDays(11)));

    retention.pruneOnce().block(Duration.ofSeconds(30));

    assertThat(runIds(busy))
        .containsExactlyInAnyOrder(unfinished, busyRuns.get(3), busyRuns.get(4), busyRuns.get(5));
    assertThat(runIds(old)).containsExactly(recent);
    assertThat(deliveredRuns()).contains(busyRuns.get(5)).doesNotContain(busyRuns.get(0), recent);
    assertThat(runIds(old)).doesNotContain(tooOld1, tooOld2);
  }

  @Test
  void aPrunedRunsCompleteChangeListGoesWithIt() {
    String planId = "plan-" + UUID.randomUUID();
    String pruned = insert(planId, RunStatus.SUCCEEDED, now.minus(Duration.ofDays(40)));
    String kept = insert(planId, RunStatus.SUCCEEDED, now.minus(Duration.ofHours(1)));
    for (String runId : List.of(pruned, kept)) {
      for (int part = 0; part < 3; part++) {
        mongo
            .insert(
                RunChangePart.of(
                    new RunChangeList(
                        runId, planId, 1, ChangeKind.ADDED, part, List.of("f" + part))))
            .block(Duration.ofSeconds(10));
      }
    }

    retention.pruneOnce().block(Duration.ofSeconds(30));

    assertThat(
            mongo
                .findAll(RunChangePart.class)
                .map(RunChangePart::runId)
                .filter(List.of(pruned, kept)::contains)
                .collectList()
                .block(Duration.ofSeconds(10)))
        .containsExactly(kept, kept, kept);
  }

  @Test
  void everyPruningQueryHasAnIndex() {
    assertThat(indexes("runs"))
        .contains(
            Map.of("finishedAt", Sort.Direction.ASC).toString(),
            "{status=ASC, updatedAt=ASC}",
            "{planId=ASC, requestedAt=DESC, _id=ASC}");
    assertThat(indexes("deliveries"))
        .contains(
            Map.of("runId", Sort.Direction.ASC).toString(),
            Map.of("updatedAt", Sort.Direction.ASC).toString());
  }

  @Test
  void everyHistoryListReadsAnIndexInTheOrderItShows() {
    // newest first, then by id: the sort RunService.find asks for, so MongoDB reads a page of the
    // index and sorts nothing
    assertThat(indexes("runs"))
        .contains(
            "{planId=ASC, requestedAt=DESC, _id=ASC}",
            "{status=ASC, requestedAt=DESC, _id=ASC}",
            "{requestedAt=DESC, _id=ASC}");
  }

  private List<String> indexes(String collection) {
    return mongo
        .indexOps(collection)
        .getIndexInfo()
        .map(IndexInfo::getIndexFields)
        .map(
            fields ->
                fields.stream()
                    .collect(
                        Collectors.toMap(
                            IndexField::getKey,
                            IndexField::getDirection,
                            (a, b) -> a,
                            java.util.LinkedHashMap::new))
                    .toString())
        .collectList()
        .block(Duration.ofSeconds(10));
  }

  private String insert(String planId, RunStatus status, Instant requestedAt) {
    String runId = "run-" + UUID.randomUUID();
    boolean finished = status.isFinal();
    mongo
        .insert(
            new RunDocument(
                runId,
                planId,
                status,
                RunTrigger.MANUAL,
                Priority.NORMAL,
                false,
                requestedAt,
                requestedAt,
                requestedAt,
                finished ? requestedAt.plusSeconds(60) : null,
                1,
                Map.of(),
                null,
                null,
                null,
                null,
                null,
                finished ? requestedAt.plusSeconds(60) : now.plus(Duration.ofDays(1)),
                null,
                0,
                null,
                null,
                Map.of(),
                null))
        .block(Duration.ofSeconds(10));
    return runId;
  }

  private void delivery(String runId, Instant updatedAt) {
    mongo
        .insert(
            new Document("_id", UUID.randomUUID() + "|webhook:x")
                .append("runId", runId)
                .append("eventId", UUID.randomUUID().toString())
                .append("status", "DELIVERED")
                .append("attempts", 1)
                .append("updatedAt", java.util.Date.from(updatedAt)),
            "deliveries")
        .block(Duration.ofSeconds(10));
  }

  private List<String> runIds(String planId) {
    return mongo
        .find(Query.query(Criteria.where("planId").is(planId)), RunDocument.class)
        .map(RunDocument::runId)
        .collectList()
        .block(Duration.ofSeconds(10));
  }

  private List<String> deliveredRuns() {
    return mongo
        .findAll(Document.class, "deliveries")
        .map(document -> document.getString("runId"))
        .collectList()
        .block(Duration.ofSeconds(10));
  }
}
