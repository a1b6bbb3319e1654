package io.syncplan.plan.revision;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RevisionsCleaned;
import io.syncplan.contracts.revision.RevisionIndexCompleted;
import io.syncplan.contracts.revision.RevisionIndexRequested;
import io.syncplan.contracts.revision.RevisionIndexed;
import io.syncplan.plan.plan.PlanData;
import io.syncplan.plan.plan.PlanStore;
import io.syncplan.support.CommandTopics;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What each plan's revision folders hold, as the executors publish it when a run moves files into
 * history ({@link RevisionIndexed}), so that browsing a history never lists the storage. Parts are
 * stored by key, so a part delivered twice is stored once; folders the executors removed (expiry)
 * or no longer found (a full re-index) leave the index with their files, and a deleted plan's whole
 * index goes with it.
 */
@Component
public class RevisionIndex implements PlanData {

  private static final Logger log = LoggerFactory.getLogger(RevisionIndex.class);

  private final ReactiveMongoTemplate mongo;
  private final PlanStore plans;
  private final MessagePublisher publisher;
  private final CommandTopics commandTopics;
  private final Clock clock;

  RevisionIndex(
      ReactiveMongoTemplate mongo,
      PlanStore plans,
      MessagePublisher publisher,
      CommandTopics commandTopics,
      Clock clock) {
    this.mongo = mongo;
    this.plans = plans;
    this.publisher = publisher;
    this.commandTopics = commandTopics;
    this.clock = clock;
  }

  /** Asks an executor of the plan's pool to index its whole history again; the request's id. */
  Mono<String> requestFullIndex(PlanSnapshot plan) {
    String requestId = UUID.randomUUID().toString();
    return commandTopics
        .ensure(plan.pool())
        .flatMap(
            topic ->
                publisher.publish(
                    topic, publisher.envelope(new RevisionIndexRequested(requestId, plan))))
        .thenReturn(requestId);
  }

  /**
   * Stores one part of a folder's index, and the folder's totals; drops them again when the plan is
   * not (or no longer) there: a run under way when its plan was deleted still reports. Looked up
   * after the write, so that a deletion at the same time either finds the part or is found.
   */
  public Mono<Void> record(RevisionIndexed part) {
    String id = RevisionDocument.id(part.planId(), part.revision());
    Update totals =
        new Update()
            .set("planId", part.planId())
            .set("revision", part.revision())
            .set("madeAt", part.madeAt())
            .set("files", part.totalFiles())
            .set("bytes", part.totalBytes())
            .set("indexedAt", clock.instant());
    if (part.runId() != null) {
      totals.set("runId", part.runId());
    }
    Mono<Void> folder =
        mongo.upsert(query(where("_id").is(id)), totals, RevisionDocument.class).then();
    Mono<Void> files = Mono.defer(() -> storeFiles(part));
    return folder
        .then(files)
        .then(plans.find(part.planId()).hasElement())
        .flatMap(live -> live ? Mono.<Void>empty() : forget(part.planId()));
  }

  /**
   * One write command for the whole part (up to 1,000 files), so that a store which answers a write
   * only once it is on disk syncs once per part, not once per file. By id: a part stored again (a
   * redelivery, a full re-index) replaces its files.
   */
  private Mono<Void> storeFiles(RevisionIndexed part) {
    if (part.files().isEmpty()) {
      return Mono.empty();
    }
    ReactiveBulkOperations replaceFiles =
        mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, RevisionFileDocument.class);
    for (var file : part.files()) {
      RevisionFileDocument document =
          RevisionFileDocument.of(
              part.planId(), part.revision(), part.madeAt(), part.runId(), file);
      replaceFiles.replaceOne(
          query(where("_id").is(document.id())),
          document,
          FindAndReplaceOptions.options().upsert());
    }
    return replaceFiles.execute().then();
  }

  /** Drops the folders an expiry removed. */
  public Mono<Void> removed(RevisionsCleaned cleaned) {
    return Flux.fromIterable(cleaned.removed())
        .concatMap(revision -> drop(cleaned.planId(), List.of(revision), true))
        .then();
  }

  /** After a full re-index: drops the folders that are no longer there. */
  public Mono<Void> completed(RevisionIndexCompleted completed) {
    if (completed.error() != null) {
      log.warn(
          "The history of plan {} could not be indexed: {}", completed.planId(), completed.error());
      return Mono.empty();
    }
    return drop(completed.planId(), completed.revisions(), false);
  }

  /** Drops the plan's whole index (the plan was deleted). */
  @Override
  public Mono<Void> forget(String planId) {
    return mongo
        .remove(query(where("planId").is(planId)), RevisionFileDocument.class)
        .then(mongo.remove(query(where("planId").is(planId)), RevisionDocument.class))
        .then();
  }

  /** {@code inList}: drop these revisions; else drop every revision but these. */
  private Mono<Void> drop(String planId, List<String> revisions, boolean inList) {
    Criteria revision = where("planId").is(planId).and("revision");
    Query query = query(inList ? revision.in(revisions) : revision.nin(revisions));
    return mongo
        .remove(query, RevisionFileDocument.class)
        .then(mongo.remove(query, RevisionDocument.class))
        .then();
  }

  Mono<RevisionDocument> revision(String planId, String revision) {
    return mongo.findById(RevisionDocument.id(planId, revision), RevisionDocument.class);
  }

  /** Whether the plan's history holds this revision folder, as far as the index knows. */
  public Mono<Boolean> exists(String planId, String revision) {
    return revision(planId, revision).hasElement();
  }

  Flux<RevisionDocument> revisions(String planId, int page, int size) {
    return mongo.find(
        query(where("planId").is(planId))
            .with(Sort.by(Sort.Direction.DESC, "madeAt"))
            .skip((long) page * size)
            .limit(size),
        RevisionDocument.class);
  }

  Mono<Long> countRevisions(String planId) {
    return mongo.count(query(where("planId").is(planId)), RevisionDocument.class);
  }

  /** A folder's files at or below {@code path} ("" for all), in path order. */
  Flux<RevisionFileDocument> files(
      String planId, String revision, String path, int page, int size) {
    return mongo.find(
        filesBelow(planId, revision, path)
            .with(Sort.by("path", "side"))
            .skip((long) page * size)
            .limit(size),
        RevisionFileDocument.class);
  }

  Mono<Long> countFiles(String planId, String revision, String path) {
    return mongo.count(filesBelow(planId, revision, path), RevisionFileDocument.class);
  }

  /** The kept versions of one file, newest revision first. */
  Flux<RevisionFileDocument> versions(String planId, String path) {
    return mongo.find(
        query(where("planId").is(planId).and("path").is(path))
            .with(Sort.by(Sort.Direction.DESC, "madeAt")),
        RevisionFileDocument.class);
  }

  private static Query filesBelow(String planId, String revision, String path) {
    Criteria criteria = where("planId").is(planId).and("revision").is(revision);
    if (!path.isEmpty()) {
      // the path itself, or anything below it: [path + "/", path + "0") holds every "path/..."
      criteria =
          criteria.orOperator(where("path").is(path), where("path").gte(path + "/").lt(path + "0"));
    }
    return query(criteria);
  }
}
