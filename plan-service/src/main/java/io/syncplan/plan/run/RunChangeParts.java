package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.run.RunChangeList;
import io.syncplan.plan.run.RunChangeItem.Kind;
import java.util.ArrayList;
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
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs' complete change lists ({@code run.changes} events), stored part by part in {@code
 * run_changes} and read back a page at a time by ranges of ids: a page without a filter reads only
 * the parts' sizes and then the one or two parts it needs, a filtered page streams the parts of the
 * run in order and keeps only the page. Only the parts of the run's last attempt are read.
 */
@Component
class RunChangeParts {

  private static final Logger log = LoggerFactory.getLogger(RunChangeParts.class);
  private static final String COLLECTION = "run_changes";

  /** Sorts after every character an id has after its prefix. */
  private static final String AFTER = "\uffff";

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
    return mongo
        .insert(RunChangePart.of(list))
        .then()
        .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.empty());
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
    Query all = range(run.runId(), run.attempts(), null);
    return mongo
        .exists(all, RunChangePart.class)
        .filter(Boolean::booleanValue)
        .flatMap(
            exists ->
                prefix == null && contains == null
                    ? unfiltered(run, kind, page, size)
                    : filtered(run, kind, prefix, contains, page, size));
  }

  private Mono<RunChangesPage> unfiltered(RunDocument run, Kind kind, int page, int size) {
    Query sizes = range(run.runId(), run.attempts(), kind);
    sizes.fields().include("count");
    long from = (long) page * size;
    return mongo
        .find(sizes, Document.class, COLLECTION)
        .collectList()
        .flatMap(
            parts -> {
              long total = parts.stream().mapToLong(part -> part.getInteger("count", 0)).sum();
              List<String> wanted = new ArrayList<>();
              long start = 0;
              long skipInFirst = -1;
              for (Document part : parts) {
                long end = start + part.getInteger("count", 0);
                if (end > from && start < from + size) {
                  if (skipInFirst < 0) {
                    skipInFirst = from - start;
                  }
                  wanted.add(part.getString("_id"));
                }
                start = end;
              }
              long skip = Math.max(0, skipInFirst);
              return mongo
                  .find(query(where("_id").in(wanted)).with(Sort.by("_id")), RunChangePart.class)
                  .concatMapIterable(RunChangeParts::items)
                  .skip(skip)
                  .take(size)
                  .collectList()
                  .map(items -> page(run, items, page, size, total));
            });
  }

  private Mono<RunChangesPage> filtered(
      RunDocument run, Kind kind, String prefix, String contains, int page, int size) {
    long from = (long) page * size;
    AtomicLong total = new AtomicLong();
    List<RunChangeItem> items = new ArrayList<>();
    return mongo
        .find(range(run.runId(), run.attempts(), kind), RunChangePart.class)
        .concatMapIterable(RunChangeParts::items)
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

  /** Removes the change lists of these runs. */
  Mono<Void> removeOfRuns(List<String> runIds) {
    return Flux.fromIterable(runIds)
        .concatMap(
            runId -> {
              String prefix = RunChangePart.prefix(runId);
              return mongo.remove(
                  query(where("_id").gte(prefix).lt(prefix + AFTER)), RunChangePart.class);
            })
        .then();
  }

  private static Query range(String runId, int attempt, Kind kind) {
    String prefix =
        RunChangePart.prefix(
            runId, attempt, kind == null ? null : RunChangeList.ChangeKind.valueOf(kind.name()));
    return query(where("_id").gte(prefix).lt(prefix + AFTER)).with(Sort.by("_id"));
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
