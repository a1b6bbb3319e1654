package io.syncplan.plan.plan;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.plan.config.OnePassAtATime;
import io.syncplan.plan.config.PlanApiProperties;
import io.syncplan.plan.web.PageResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The plan list, held in memory in name order and served from there: a page of a list of thousands
 * of plans costs microseconds instead of a collection scan. It follows the plans collection by
 * {@code modifiedAt}: this instance's own writes appear at once, those of other instances (and
 * reports such as a finished run) within {@code plan-list-refresh}. A full reload every {@code
 * plan-list-reload} heals anything a clock difference between instances made it miss.
 */
@Component
class PlanCatalog implements PlanDirectory {

  static final long REASSESS_SECONDS = 30;

  /** How many out-of-date plans a reload reads with one query. */
  private static final int OUT_OF_DATE_BATCH = 500;

  /** How far back each refresh looks again, for writes that were in flight during the last. */
  private static final Duration OVERLAP = Duration.ofSeconds(10);

  private record Entry(
      String orderKey,
      String nameKey,
      PlanSummary summary,
      PlanResponse plan,
      Instant modifiedAt,
      PlanSyncMetrics.PlanState syncState) {}

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;
  private final PlanSyncMetrics metrics;
  private final Duration reloadEvery;
  private final ConcurrentSkipListMap<String, Entry> byName = new ConcurrentSkipListMap<>();
  private final Map<String, Entry> byId = new ConcurrentHashMap<>();

  /**
   * Plans deleted lately, with their deletion's time: a refresh that read a plan before its
   * deletion may apply it after, and must not bring it back. Kept until a refresh that began after
   * the deletion has ended.
   */
  private final Map<String, Instant> deletions = new ConcurrentHashMap<>();

  private final OnePassAtATime refreshes = new OnePassAtATime("Plan list refresh");
  private final Mono<Void> loaded;

  /** Counts every change to the list, so that what is worked out from it knows when to redo it. */
  private final java.util.concurrent.atomic.AtomicLong changes =
      new java.util.concurrent.atomic.AtomicLong();

  private volatile CachedOverview overview;
  private volatile Instant refreshedFrom;
  private volatile Instant lastFullLoad;

  PlanCatalog(
      ReactiveMongoTemplate mongo,
      Clock clock,
      PlanApiProperties properties,
      PlanSyncMetrics metrics) {
    this.mongo = mongo;
    this.clock = clock;
    this.metrics = metrics;
    this.reloadEvery = properties.planListReload();
    // loaded once; a failed first load is tried again by the next request
    this.loaded =
        Mono.defer(this::fullLoad)
            .cache(v -> Duration.ofDays(3650), e -> Duration.ZERO, () -> Duration.ofDays(3650));
  }

  Mono<PageResponse<PlanSummary>> page(PlanFilter filter, PlanSort sort, int page, int size) {
    return loaded.then(
        Mono.fromSupplier(
            () -> sort.byName() ? select(filter, page, size) : sorted(filter, sort, page, size)));
  }

  /**
   * The plans at a glance: worked out once per change of the list and limit, then shared, so that
   * many consoles opening the overview cost one pass over the plans.
   */
  Mono<PlanOverview> overview(int limit) {
    return loaded.then(
        Mono.fromSupplier(
            () -> {
              long version = changes.get();
              CachedOverview cached = overview;
              if (cached != null && cached.version() == version && cached.limit() == limit) {
                return cached.overview();
              }
              PlanOverview fresh =
                  PlanOverview.of(byId.values().stream().map(Entry::summary).toList(), limit);
              overview = new CachedOverview(version, limit, fresh);
              return fresh;
            }));
  }

  private record CachedOverview(long version, int limit, PlanOverview overview) {}

  private PageResponse<PlanSummary> sorted(PlanFilter filter, PlanSort sort, int page, int size) {
    List<PlanSummary> matching = new ArrayList<>();
    for (Entry entry : byName.values()) {
      if (filter.matches(entry.summary(), entry.nameKey())) {
        matching.add(entry.summary());
      }
    }
    matching.sort(sort.order());
    int from = (int) Math.min((long) page * size, matching.size());
    int to = Math.min(from + size, matching.size());
    return new PageResponse<>(
        new ArrayList<>(matching.subList(from, to)), page, size, matching.size());
  }

  private PageResponse<PlanSummary> select(PlanFilter filter, int page, int size) {
    long first = (long) page * size;
    List<PlanSummary> items = new ArrayList<>(size);
    if (filter.isEmpty()) {
      // no criteria: walk only as far as the page, the count is the size
      long total = byId.size();
      long index = 0;
      for (Entry entry : byName.values()) {
        if (index >= first + size) {
          break;
        }
        if (index++ >= first) {
          items.add(entry.summary());
        }
      }
      return new PageResponse<>(items, page, size, total);
    }
    long matches = 0;
    for (Entry entry : byName.values()) {
      if (filter.matches(entry.summary(), entry.nameKey())) {
        if (matches >= first && items.size() < size) {
          items.add(entry.summary());
        }
        matches++;
      }
    }
    return new PageResponse<>(items, page, size, matches);
  }

  /**
   * The plan as this instance last saw it; empty when it does not know it (yet), in which case the
   * store is asked.
   */
  Mono<PlanResponse> find(String id) {
    return loaded.then(
        Mono.fromSupplier(
            () -> {
              Entry entry = byId.get(id);
              return entry == null ? null : entry.plan();
            }));
  }

  @Override
  public PlanSummary summary(String planId) {
    Entry entry = byId.get(planId);
    return entry == null ? null : entry.summary();
  }

  /** Takes a plan as just written by this instance. */
  void put(PlanDocument document) {
    apply(document);
  }

  /** Reads what changed since the last refresh ({@link PlanListRefresh} calls it). */
  void refresh() {
    refreshes.start(
        () -> {
          Instant now = clock.instant();
          if (lastFullLoad == null) {
            return loaded; // the first load, shared with requests that wait for it
          }
          if (now.isAfter(lastFullLoad.plus(reloadEvery))) {
            return fullLoad();
          }
          return changesSince(refreshedFrom.minus(OVERLAP), now);
        });
  }

  /**
   * Reads every live plan's id and {@code modifiedAt}, then in whole only the plans this instance
   * does not hold as they are stored: new ones, and changes the refreshes missed. Mapping every
   * plan again took about a minute of a core for 100,000 plans on the embedded store, every {@code
   * plan-list-reload}. The first load, with nothing held yet, reads the plans in whole at once.
   */
  private Mono<Void> fullLoad() {
    Instant start = clock.instant();
    Map<String, Boolean> seen = new ConcurrentHashMap<>();
    Query live = query(where("deleted").is(false));
    Flux<PlanDocument> outOfDate;
    if (byId.isEmpty()) {
      outOfDate = mongo.find(live, PlanDocument.class).doOnNext(d -> seen.put(d.id(), true));
    } else {
      live.fields().include("modifiedAt");
      outOfDate =
          mongo
              .find(live, PlanStamp.class, mongo.getCollectionName(PlanDocument.class))
              .doOnNext(stamp -> seen.put(stamp.id(), true))
              .filter(stamp -> !heldAsStored(stamp))
              .map(PlanStamp::id)
              .buffer(OUT_OF_DATE_BATCH)
              .concatMap(ids -> mongo.find(query(where("_id").in(ids)), PlanDocument.class));
    }
    return outOfDate
        .doOnNext(this::apply)
        .then(
            Mono.fromRunnable(
                () -> {
                  byId.keySet().stream()
                      .filter(id -> !seen.containsKey(id))
                      .toList()
                      .forEach(id -> removeIfOlderThan(id, start));
                  forgetDeletionsBefore(start);
                  refreshedFrom = start;
                  lastFullLoad = start;
                }));
  }

  /** What a reload reads of every plan: its id and when it last changed. */
  record PlanStamp(@Id String id, Instant modifiedAt) {}

  /**
   * True when this instance holds the plan as it was last written (the store keeps milliseconds).
   */
  private boolean heldAsStored(PlanStamp stamp) {
    Entry entry = byId.get(stamp.id());
    return entry != null
        && stamp.modifiedAt() != null
        && entry.modifiedAt().toEpochMilli() == stamp.modifiedAt().toEpochMilli();
  }

  private Mono<Void> changesSince(Instant since, Instant start) {
    Query changed = query(where("modifiedAt").gte(since));
    return mongo
        .find(changed, PlanDocument.class)
        .doOnNext(this::apply)
        .then(
            Mono.fromRunnable(
                () -> {
                  forgetDeletionsBefore(start);
                  refreshedFrom = start;
                }));
  }

  /** A read that began at {@code start} or later no longer finds plans deleted before it. */
  private synchronized void forgetDeletionsBefore(Instant start) {
    deletions.values().removeIf(deletedAt -> deletedAt.isBefore(start));
  }

  private synchronized void apply(PlanDocument document) {
    Entry current = byId.get(document.id());
    Instant modifiedAt = document.modifiedAt() == null ? Instant.EPOCH : document.modifiedAt();
    if (current != null && current.modifiedAt().isAfter(modifiedAt)) {
      return;
    }
    Instant deletedAt = deletions.get(document.id());
    if (deletedAt != null && !modifiedAt.isAfter(deletedAt)) {
      return; // read before its deletion
    }
    if (current != null) {
      byName.remove(current.orderKey());
      byId.remove(document.id());
    }
    metrics.track(document);
    changes.incrementAndGet();
    if (document.deleted()) {
      deletions.put(document.id(), modifiedAt);
      return;
    }
    String nameKey = document.nameKey();
    PlanSyncMetrics.PlanState syncState = PlanSyncMetrics.stateOf(document);
    Entry entry =
        new Entry(
            nameKey + '\u0000' + document.id(),
            nameKey,
            PlanSummary.of(document, syncState.outOfSync(clock.instant())),
            PlanResponse.of(document),
            modifiedAt,
            syncState);
    byName.put(entry.orderKey(), entry);
    byId.put(document.id(), entry);
  }

  /**
   * Plans fall out of sync by the passing of time alone, with no write to notice: every {@value
   * #REASSESS_SECONDS} seconds each plan's out-of-sync state is worked out anew (off the request
   * path: for cron schedules that is two fire-time computations per plan).
   */
  @Scheduled(fixedDelay = REASSESS_SECONDS, timeUnit = java.util.concurrent.TimeUnit.SECONDS)
  void reassessOutOfSync() {
    Instant now = clock.instant();
    for (Entry entry : byId.values()) {
      boolean outOfSync = entry.syncState().outOfSync(now);
      if (outOfSync != entry.summary().outOfSync()) {
        replaceSummary(entry, entry.summary().withOutOfSync(outOfSync));
      }
    }
  }

  private synchronized void replaceSummary(Entry entry, PlanSummary summary) {
    if (byId.get(entry.summary().id()) != entry) {
      return; // changed meanwhile: the new entry has its own assessment
    }
    Entry updated =
        new Entry(
            entry.orderKey(),
            entry.nameKey(),
            summary,
            entry.plan(),
            entry.modifiedAt(),
            entry.syncState());
    byName.put(updated.orderKey(), updated);
    byId.put(summary.id(), updated);
    changes.incrementAndGet();
  }

  /** Forgets a plan the full load did not find, unless it was written after the load began. */
  private synchronized void removeIfOlderThan(String id, Instant start) {
    Entry entry = byId.get(id);
    if (entry != null && entry.modifiedAt().isBefore(start)) {
      byId.remove(id);
      byName.remove(entry.orderKey());
      metrics.forget(id);
      changes.incrementAndGet();
    }
  }
}
