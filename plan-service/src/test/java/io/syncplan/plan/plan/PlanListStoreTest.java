package io.syncplan.plan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.syncplan.contracts.plan.Endpoint;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.ScheduleSpec;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.config.PlanApiProperties;
import io.syncplan.plan.plan.PlanDocument.LastRun;
import io.syncplan.plan.store.InMemoryStore;
import io.syncplan.plan.web.PageResponse;
import io.syncplan.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The plans collection and the plan list on the store alone, without Kafka or the web layer, on
 * mongo-java-server over the MongoDB wire protocol: a plan document is read back as it was written
 * and one live plan holds each name; the list an instance serves is filled by the catalog's two
 * queries (the live plans when it starts, the plans changed since at each refresh) and filtered,
 * sorted and paged. Each test tags its plans, and lists by that tag.
 */
@DataMongoTest(properties = "spring.data.mongodb.auto-index-creation=true")
class PlanListStoreTest {

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  /**
   * Only the store, its mapping (of the documents of this package) and the API's settings; the
   * catalogs are made by the tests. A plain configuration, not a {@code SpringBootConfiguration}:
   * the slices of this package look for that one, and must find the application.
   */
  @Configuration(proxyBeanMethods = false)
  @AutoConfigurationPackage
  @Import(InMemoryStore.class)
  @EnableConfigurationProperties(PlanApiProperties.class)
  static class StoreOnly {}

  @Autowired ReactiveMongoTemplate mongo;
  @Autowired PlanApiProperties api;
  final MutableClock clock = new MutableClock(NOW);
  final String tag = "t-" + UUID.randomUUID();

  @Test
  void aPlanIsReadBackAsItWasWritten() {
    PlanDocument written = created(plan("read-back", SyncMode.MIRROR, false));

    PlanDocument read = mongo.findById(written.id(), PlanDocument.class).block(timeout());

    assertThat(read).isEqualTo(written);
  }

  @Test
  void oneLivePlanHoldsEachNameWhateverItsCaseAndADeletedOneGivesItsNameUp() {
    String name = "named-" + UUID.randomUUID();
    PlanDocument first = created(plan(name, SyncMode.MIRROR, false));
    Awaitility.await().atMost(timeout()).until(this::namesAreUnique);

    assertThatThrownBy(() -> created(plan(name.toUpperCase(), SyncMode.COPY, false)))
        .isInstanceOf(DuplicateKeyException.class);

    update(
        first.id(),
        new Update()
            .set("deleted", true)
            .set("nameKey", PlanDocument.deletedNameKey(first.id()))
            .set("modifiedAt", NOW));
    PlanDocument again = created(plan(name, SyncMode.COPY, false));
    assertThat(mongo.findById(again.id(), PlanDocument.class).block(timeout())).isNotNull();
  }

  @Test
  void anInstanceStartsWithTheLivePlansFilteredSortedAndPaged() {
    String alpha = created(plan("alpha", SyncMode.MIRROR, false)).id();
    created(plan("bravo", SyncMode.COPY, true));
    String charlie = created(plan("charlie", SyncMode.BISYNC, false)).id();
    String delta = created(plan("delta", SyncMode.MIRROR, false)).id();
    finished(alpha, RunStatus.SUCCEEDED, NOW.minusSeconds(1800), 0);
    finished(charlie, RunStatus.FAILED, NOW.minusSeconds(600), 1);
    update(delta, new Update().set("deleted", true).set("modifiedAt", NOW));

    PlanCatalog catalog = startInstance();

    PageResponse<PlanSummary> first = page(catalog, filter(null, null, null, null), "", 0, 2);
    assertThat(names(first)).containsExactly("alpha", "bravo");
    assertThat(first.totalItems()).isEqualTo(3);
    assertThat(names(page(catalog, filter(null, null, null, null), "", 1, 2)))
        .containsExactly("charlie");
    assertThat(names(page(catalog, filter(SyncMode.COPY, null, null, null), "", 0, 10)))
        .containsExactly("bravo");
    assertThat(names(page(catalog, filter(null, "ARL", null, null), "", 0, 10)))
        .containsExactly("charlie");
    assertThat(names(page(catalog, filter(null, null, RunStatus.FAILED, null), "", 0, 10)))
        .containsExactly("charlie");
    assertThat(
            names(
                page(
                    catalog,
                    filter(null, null, null, List.of(PlanHealth.PAUSED, PlanHealth.HEALTHY)),
                    "",
                    0,
                    10)))
        .containsExactly("alpha", "bravo");
    assertThat(names(page(catalog, filter(null, null, null, null), "name,desc", 0, 10)))
        .containsExactly("charlie", "bravo", "alpha");
    // latest finished first; a plan that never ran comes last
    assertThat(names(page(catalog, filter(null, null, null, null), "lastRun,desc", 0, 2)))
        .containsExactly("charlie", "alpha");
    assertThat(names(page(catalog, filter(null, null, null, null), "lastRun,desc", 1, 2)))
        .containsExactly("bravo");
  }

  @Test
  void whatAnotherInstanceWritesShowsAtTheNextRefreshAndADeletedPlanLeaves() {
    String echo = created(plan("echo", SyncMode.MIRROR, false)).id();
    String foxtrot = created(plan("foxtrot", SyncMode.MIRROR, false)).id();
    PlanCatalog catalog = startInstance();
    assertThat(allNames(catalog)).containsExactly("echo", "foxtrot");

    clock.advance(Duration.ofSeconds(5));
    created(plan("golf", SyncMode.COPY, false));
    finished(echo, RunStatus.FAILED, clock.instant(), 1);
    update(
        foxtrot,
        new Update()
            .set("deleted", true)
            .set("nameKey", PlanDocument.deletedNameKey(foxtrot))
            .set("modifiedAt", clock.instant()));

    Awaitility.await()
        .atMost(timeout())
        .untilAsserted(
            () -> {
              catalog.refresh();
              assertThat(allNames(catalog)).containsExactly("echo", "golf");
            });
    assertThat(failingNames(catalog)).containsExactly("echo");
  }

  /**
   * Writes stamped by a clock behind this instance's fall before what its refreshes look at; the
   * full reload (which reads every plan's stamp, and in whole only the plans that differ) finds
   * them.
   */
  @Test
  void theFullReloadFindsWhatAnotherInstanceWithAClockBehindWrote() {
    String india = created(plan("india", SyncMode.MIRROR, false)).id();
    String juliet = created(plan("juliet", SyncMode.MIRROR, false)).id();
    created(plan("kilo", SyncMode.MIRROR, false));
    clock.advance(Duration.ofMinutes(30));
    PlanCatalog catalog = startInstance();
    assertThat(allNames(catalog)).containsExactly("india", "juliet", "kilo");

    // after the plans were written, but 20 minutes behind this instance's clock
    Instant behind = clock.instant().minus(Duration.ofMinutes(20));
    finished(india, RunStatus.FAILED, behind, 1);
    update(india, new Update().set("modifiedAt", behind));
    update(
        juliet,
        new Update()
            .set("deleted", true)
            .set("nameKey", PlanDocument.deletedNameKey(juliet))
            .set("modifiedAt", behind));
    PlanDocument lima =
        PlanDocument.created(plan("lima", SyncMode.COPY, false), List.of(), behind, List.of());
    mongo.insert(lima).block(timeout());
    catalog.refresh();
    Awaitility.await()
        .during(Duration.ofMillis(300))
        .atMost(timeout())
        .untilAsserted(
            () ->
                assertThat(allNames(catalog))
                    .as("missed by the refresh: stamped before what it reads")
                    .containsExactly("india", "juliet", "kilo"));

    clock.advance(api.planListReload().plusSeconds(1));
    Awaitility.await()
        .atMost(timeout())
        .untilAsserted(
            () -> {
              catalog.refresh();
              assertThat(allNames(catalog)).containsExactly("india", "kilo", "lima");
            });
    assertThat(failingNames(catalog)).containsExactly("india");
  }

  @Test
  void aPlanReadBeforeItsDeletionAndAppliedAfterItDoesNotComeBack() {
    PlanDocument hotel = created(plan("hotel", SyncMode.MIRROR, false));
    PlanCatalog catalog = startInstance();
    assertThat(allNames(catalog)).containsExactly("hotel");
    // what a refresh running beside the deletion may have read, and apply after it
    PlanDocument readBefore = mongo.findById(hotel.id(), PlanDocument.class).block(timeout());

    clock.advance(Duration.ofSeconds(1));
    update(
        hotel.id(),
        new Update()
            .set("deleted", true)
            .set("nameKey", PlanDocument.deletedNameKey(hotel.id()))
            .set("modifiedAt", clock.instant()));
    catalog.put(mongo.findById(hotel.id(), PlanDocument.class).block(timeout()));
    catalog.put(readBefore);

    assertThat(allNames(catalog)).isEmpty();
    assertThat(catalog.find(hotel.id()).blockOptional(timeout())).isEmpty();
  }

  private PlanCatalog startInstance() {
    return new PlanCatalog(
        mongo, clock, api, new PlanSyncMetrics(new SimpleMeterRegistry(), clock));
  }

  /** This test's plans, with the criteria given (null: any). */
  private PlanFilter filter(
      SyncMode mode, String nameContains, RunStatus lastRunStatus, List<PlanHealth> states) {
    return new PlanFilter(
        List.of(tag), mode, null, null, lastRunStatus, nameContains, null, null, states, null);
  }

  private static PageResponse<PlanSummary> page(
      PlanCatalog catalog, PlanFilter filter, String sort, int page, int size) {
    return catalog.page(filter, PlanSort.parse(sort), page, size).block(timeout());
  }

  /** The names on the first page of every live plan. */
  private List<String> allNames(PlanCatalog catalog) {
    return names(page(catalog, filter(null, null, null, null), "", 0, 10));
  }

  /** The names on the first page of the failing plans. */
  private List<String> failingNames(PlanCatalog catalog) {
    return names(page(catalog, filter(null, null, null, List.of(PlanHealth.FAILING)), "", 0, 10));
  }

  private static List<String> names(PageResponse<PlanSummary> page) {
    return page.items().stream().map(PlanSummary::name).toList();
  }

  private PlanSnapshot plan(String name, SyncMode mode, boolean paused) {
    String id = UUID.randomUUID().toString();
    return new PlanSnapshot(
        id,
        1,
        name,
        "the plan " + name,
        List.of(tag, "store"),
        Endpoint.local("/data/" + name),
        Endpoint.local("/backup/" + name),
        mode,
        ScheduleSpec.everyMinutes(15),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        Priority.NORMAL,
        null,
        paused,
        NOW,
        null,
        null,
        null,
        null);
  }

  /** Stores the plan as plan-service creates it. */
  private PlanDocument created(PlanSnapshot plan) {
    PlanDocument document = PlanDocument.created(plan, List.of(), clock.instant(), List.of());
    return mongo.insert(document).block(timeout());
  }

  /** Records a finished run on the plan as the run history does, with its failures since. */
  private void finished(String planId, RunStatus status, Instant at, int failures) {
    LastRun run =
        new LastRun(
            "run-" + UUID.randomUUID(),
            status,
            false,
            at.minusSeconds(60),
            at,
            status == RunStatus.SUCCEEDED ? null : "RCLONE_ERROR",
            null);
    update(
        planId,
        new Update()
            .set("lastRun", run)
            .set("consecutiveFailures", failures)
            .set("modifiedAt", clock.instant()));
  }

  private void update(String planId, Update update) {
    mongo.updateFirst(query(where("_id").is(planId)), update, PlanDocument.class).block(timeout());
  }

  private boolean namesAreUnique() {
    List<IndexInfo> indexes =
        mongo.indexOps(PlanDocument.class).getIndexInfo().collectList().block();
    return indexes.stream()
        .anyMatch(index -> index.isUnique() && index.isIndexForFields(List.of("nameKey")));
  }

  private static Duration timeout() {
    return Duration.ofSeconds(10);
  }
}
