package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.run.RunChangeList;
import io.syncplan.contracts.run.RunChangeList.ChangeKind;
import io.syncplan.plan.run.RunChangeItem.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs' complete change lists ({@code run.changes} events), stored part by part in {@code
 * run_changes}, with each part's size in {@code run_change_counts}, and read back a page at a time
 * by {@code _id} alone: a page without a filter reads the sizes (one document per kind) and then
 * the one or two parts it needs, a filtered page reads the run's parts in order, a few at a time,
 * and keeps only the page. Only the parts of the run's last attempt are read.
 */
@Component
class RunChangeParts {

  private static final Logger log = LoggerFactory.getLogger(RunChangeParts.class);
  private static final String COLLECTION = "run_changes";

  /** Sorts after every character an id has after its prefix. */
  private static final String AFTER = "\uffff";

  /** How many parts (of up to 1,000 paths) a filtered page reads at once. */
  private static final int PARTS_PER_READ = 20;

  private final ReactiveMongoTemplate mongo;

  RunChangeParts(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * Stores a part; storing it again (a redelivered event) changes nothing. A part whose run id
   * could reach into another run's range of ids (it holds a {@code /}) is dropped: run ids never
   * do.
   */
  Mono<Void> store(RunChangeList list) {
    if (list.runId() == null || list.runId().isEmpty() || list.runId().contains("/")) {
      log.warn("Dropped a change list part whose run id is empty or holds a /");
      return Mono.empty();
    }
    RunChangePart part = RunChangePart.of(list);
    // The part first: a page that finds its count finds the part.
    return mongo
        .insert(part)
        .then()
        .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.empty())
        .then(
            mongo.upsert(
                query(
                    where("_id").is(RunChangeCounts.id(list.runId(), list.attempt(), list.kind()))),
                new Update().set("runId", list.runId()).set("parts." + list.part(), part.count()),
                RunChangeCounts.class))
        .then();
  }

  /**
   * A page of the run's changes from its stored parts, or empty when it has none (its list was
   * whole in its outcome event, or came from an executor or rclone that does not publish them).
   *
   * @param prefix only paths that start with it, or null
   * @param contains only paths containing it, ignoring case (lower case), or null
   */
  Mono<RunChangesPage> page(
      RunDocument run, Kind kind, String prefix, String contains, int page, int size) {
    if (run.attempts() < 1) {
      return Mono.empty();
    }
    List<String> countIds =
        Arrays.stream(ChangeKind.values())
            .map(each -> RunChangeCounts.id(run.runId(), run.attempts(), each))
            .toList();
    return mongo
        .find(query(where("_id").in(countIds)), RunChangeCounts.class)
        .collectList()
        .flatMap(
            counts ->
                counts.isEmpty() ? legacyParts(run, kind) : Mono.just(parts(counts, run, kind)))
        .flatMap(
            parts ->
                prefix == null && contains == null
                    ? unfiltered(run, parts, page, size)
                    : filtered(run, parts, prefix, contains, page, size));
  }

  /** A stored part's id and how many paths it holds. */
  private record PartSize(String id, int count) {}

  /** The parts of the run's last attempt, of one kind or all, in the list's order. */
  private static List<PartSize> parts(List<RunChangeCounts> counts, RunDocument run, Kind kind) {
    List<PartSize> parts = new ArrayList<>();
    for (ChangeKind each : ChangeKind.values()) {
      if (kind != null && !kind.name().equals(each.name())) {
        continue;
      }
      String id = RunChangeCounts.id(run.runId(), run.attempts(), each);
      counts.stream()
          .filter(count -> count.id().equals(id))
          .flatMap(count -> count.parts().entrySet().stream())
          .sorted(Comparator.comparingInt(part -> Integer.parseInt(part.getKey())))
          .forEach(
              part ->
                  parts.add(
                      new PartSize(
                          RunChangePart.id(id, Integer.parseInt(part.getKey())), part.getValue())));
    }
    return parts;
  }

  /**
   * The parts' sizes the slow way, for a run whose parts were stored before their counts were (by
   * an earlier version): a range of ids, which the embedded store serves by reading every part.
   */
  private Mono<List<PartSize>> legacyParts(RunDocument run, Kind kind) {
    Query sizes = range(run.runId(), run.attempts(), kind);
    sizes.fields().include("count");
    return mongo
        .find(sizes, Document.class, COLLECTION)
        .map(part -> new PartSize(part.getString("_id"), part.getInteger("count", 0)))
        .collectList()
        .filterWhen(
            parts ->
                parts.isEmpty()
                    ? mongo.exists(range(run.runId(), run.attempts(), null), RunChangePart.class)
                    : Mono.just(true));
  }

  private Mono<RunChangesPage> unfiltered(
      RunDocument run, List<PartSize> parts, int page, int size) {
    long from = (long) page * size;
    long total = parts.stream().mapToLong(PartSize::count).sum();
    List<String> wanted = new ArrayList<>();
    long start = 0;
    long skipInFirst = -1;
    for (PartSize part : parts) {
      long end = start + part.count();
      if (end > from && start < from + size) {
        if (skipInFirst < 0) {
          skipInFirst = from - start;
        }
        wanted.add(part.id());
      }
      start = end;
    }
    return read(wanted)
        .skip(Math.max(0, skipInFirst))
        .take(size)
        .collectList()
        .map(items -> page(run, items, page, size, total));
  }

  private Mono<RunChangesPage> filtered(
      RunDocument run, List<PartSize> parts, String prefix, String contains, int page, int size) {
    long from = (long) page * size;
    AtomicLong total = new AtomicLong();
    List<RunChangeItem> items = new ArrayList<>();
    return Flux.fromIterable(parts)
        .map(PartSize::id)
        .buffer(PARTS_PER_READ)
        .concatMap(this::read)
        .filter(item -> prefix == null || item.path().startsWith(prefix))
        .filter(item -> contains == null || item.path().toLowerCase(Locale.ROOT).contains(contains))
        .doOnNext(
            item -> {
              long index = total.getAndIncrement();
              if (index >= from && index < from + size) {
                items.add(item);
              }
            })
        .then(Mono.fromSupplier(() -> page(run, items, page, size, total.get())));
  }

  /** The items of these parts, in the order of their ids (the list's order). */
  private Flux<RunChangeItem> read(List<String> partIds) {
    return mongo
        .find(query(where("_id").in(partIds)).with(Sort.by("id")), RunChangePart.class)
        .concatMapIterable(RunChangeParts::items);
  }

  /** Removes the change lists of these runs. */
  Mono<Void> removeOfRuns(List<String> runIds) {
    return Flux.fromIterable(runIds)
        .concatMap(
            runId -> {
              String prefix = RunChangePart.prefix(runId);
              Query ofRun = query(where("_id").gte(prefix).lt(prefix + AFTER));
              return mongo
                  .remove(ofRun, RunChangePart.class)
                  .then(mongo.remove(ofRun, RunChangeCounts.class));
            })
        .then();
  }

  private static Query range(String runId, int attempt, Kind kind) {
    String prefix =
        RunChangePart.prefix(
            runId, attempt, kind == null ? null : RunChangeList.ChangeKind.valueOf(kind.name()));
    return query(where("_id").gte(prefix).lt(prefix + AFTER)).with(Sort.by("id"));
  }

  private static List<RunChangeItem> items(RunChangePart part) {
    Kind kind = Kind.valueOf(part.kind().name());
    return part.paths().stream().map(path -> new RunChangeItem(kind, path)).toList();
  }

  private static RunChangesPage page(
      RunDocument run, List<RunChangeItem> items, int page, int size, long total) {
    return new RunChangesPage(run.runId(), run.dryRun(), items, page, size, total, 0);
  }
}
