package io.syncplan.plan.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.plan.store.InMemoryStore;
import io.syncplan.plan.store.RecordFiller;
import io.syncplan.plan.store.RecordFinder;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The run lists read run documents with {@link RecordFinder}, not Spring Data's mapping: it reads
 * every stored run exactly as Spring Data's own mapping reads it, and finds the same page, on
 * mongo-java-server over the MongoDB wire protocol. The full run is filled by reflection, every
 * component and nested component set, so a component added to the run is compared here too.
 */
@DataMongoTest
@Import(RecordFinder.class)
class RunDocumentReadTest {

  @Configuration(proxyBeanMethods = false)
  @AutoConfigurationPackage
  @Import(InMemoryStore.class)
  static class StoreOnly {}

  static final Instant REQUESTED = Instant.parse("2026-11-01T10:00:00Z");

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired RecordFinder finder;

  @Test
  void aRunWithEveryComponentSetIsReadAsSpringDataReadsIt() {
    for (int seed = 1; seed <= 3; seed++) {
      RunDocument written = RecordFiller.filled(RunDocument.class, seed);
      mongo.insert(written).block();
      Query byId = query(where("runId").is(written.runId()));

      RunDocument springData = mongo.findOne(byId, RunDocument.class).block();
      List<RunDocument> decoded = finder.find(byId, RunDocument.class).collectList().block();

      assertThat(springData).isEqualTo(written);
      assertThat(decoded).containsExactly(springData);
    }
  }

  @Test
  void aRunStoredWithFewerFieldsUnknownOnesAndOtherNumberWidthsIsReadAsSpringDataReadsIt() {
    String runId = "older-" + UUID.randomUUID();
    Document older =
        new Document("_id", runId)
            .append("_class", RunDocument.class.getName())
            .append("planId", "plan-1")
            .append("status", "FAILED")
            .append("dryRun", false)
            .append("attempts", 2L) // an int stored as a long
            .append("requestedAt", Date.from(REQUESTED))
            .append("stats", stats(3, 7L))
            .append("progress", null)
            .append("noLongerKept", new Document("a", List.of(1, 2)));
    mongo.insert(older, "runs").block();
    Query byId = query(where("runId").is(runId));

    RunDocument springData = mongo.findOne(byId, RunDocument.class).block();
    List<RunDocument> decoded = finder.find(byId, RunDocument.class).collectList().block();

    assertThat(springData.attempts()).isEqualTo(2);
    assertThat(decoded).containsExactly(springData);
  }

  /** Stats as stored before restores and verifications added their counts. */
  static Document stats(int filesAdded, long bytesTransferred) {
    Document stats = new Document("filesAdded", filesAdded);
    for (String count :
        List.of("filesModified", "filesDeleted", "filesMovedToRevisions", "filesChecked")) {
      stats.append(count, 0);
    }
    return stats
        .append("bytesTransferred", bytesTransferred)
        .append("errors", 0)
        .append("conflicts", 0);
  }

  @Test
  void aListFindsTheSamePageAsTheTemplate() {
    String plan = "plan-" + UUID.randomUUID();
    for (int i = 0; i < 12; i++) {
      Instant requested = REQUESTED.plusSeconds(i % 5 * 60); // ties, ordered by id
      RunDocument run =
          RunDocument.queued(
              plan + "-" + i,
              plan,
              RunTrigger.MANUAL,
              Priority.NORMAL,
              false,
              requested,
              RunKind.SYNC);
      mongo.insert(run.toBuilder().status(RunStatus.SUCCEEDED).build()).block();
    }
    RunService.RunFilter sinceAMinute =
        new RunService.RunFilter(
            plan, List.of(RunStatus.SUCCEEDED), REQUESTED.plusSeconds(60), null);
    Query page = RunService.listed(sinceAMinute, 1, 4);

    List<RunDocument> springData = mongo.find(page, RunDocument.class).collectList().block();
    List<RunDocument> decoded = finder.find(page, RunDocument.class).collectList().block();

    assertThat(springData).hasSize(4);
    assertThat(decoded).containsExactlyElementsOf(springData);
  }
}
