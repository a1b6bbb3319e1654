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
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What each plan's revision folders hold, as the executors publish it when a run moves files into
 * history ({@link RevisionIndexed}), so that browsing a history never lists the storage. Parts are
 * stored by key ({@link RevisionParts}), so a part delivered twice is stored once; folders the
 * executors removed (expiry) or no longer found (a full re-index) leave the index with their files,
 * and a deleted plan's whole index goes with it.
 */
@Component
public class RevisionIndex implements PlanData {

  private static final Logger log = LoggerFactory.getLogger(RevisionIndex.class);

  /** Far beyond any folder (a part holds up to 1,000 files), so a bad number is refused. */
  private static final int MAX_PART = 10_000_000;

  private final ReactiveMongoTemplate mongo;
  private final PlanStore plans;
  private final MessagePublisher publisher;
  private final CommandTopics commandTopics;
  private final RevisionParts parts;

  RevisionIndex(
      ReactiveMongoTemplate mongo,
      RevisionParts parts,
      PlanStore plans,
      MessagePublisher publisher,
      CommandTopics commandTopics) {
    this.mongo = mongo;
    this.parts = parts;
    this.plans = plans;
    this.publisher = publisher;
    this.commandTopics = commandTopics;
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
   * Stores one part of a folder's index, and on the folder's document the part's range and the
   * folder's totals; drops them again when the plan is not (or no longer) there: a run under way
   * when its plan was deleted still reports. Looked up after the write, so that a deletion at the
   * same time either finds the part or is found. A part stored again (a redelivery, a full
   * re-index) replaces itself; the last part drops any part after it, which a re-index of a folder
   * that shrank leaves behind.
   */
  public Mono<Void> record(RevisionIndexed part) {
    if (part.part() < 0 || part.part() > MAX_PART) {
      log.warn(
          "Part {} of revision {} of plan {} ignored: not a part number",
          part.part(),
          part.revision(),
          part.planId());
      return Mono.empty();
    }
    return parts
        .store(part)
        .then(plans.find(part.planId()).hasElement())
        .flatMap(live -> live ? Mono.<Void>empty() : forget(part.planId()));
  }

  /** Drops the folders an expiry removed. */
  public Mono<Void> removed(RevisionsCleaned cleaned) {
    return drop(cleaned.planId(), cleaned.removed(), true);
  }

  /**
   * After a full re-index: drops the folders that are no longer there, and what an earlier version
   * stored of the plan's index, which the re-index has just stored again in parts.
   */
  public Mono<Void> completed(RevisionIndexCompleted completed) {
    if (completed.error() != null) {
      log.warn(
          "The history of plan {} could not be indexed: {}", completed.planId(), completed.error());
      return Mono.empty();
    }
    return drop(completed.planId(), completed.revisions(), false)
        .then(parts.dropOlderLayout(completed.planId()));
  }

  /** Drops the plan's whole index (the plan was deleted). */
  @Override
  public Mono<Void> forget(String planId) {
    return parts.drop(query(where("planId").is(planId))).then(parts.dropOlderLayout(planId));
  }

  /** {@code inList}: drop these revisions; else drop every revision but these. */
  private Mono<Void> drop(String planId, List<String> revisions, boolean inList) {
    Criteria revision = where("planId").is(planId).and("revision");
    return parts.drop(query(inList ? revision.in(revisions) : revision.nin(revisions)));
  }

  /**
   * Asks for a full re-index of each plan whose history an earlier version indexed one document per
   * file: the re-index stores it in parts, and its completion removes the old documents. Until then
   * those folders are browsed and restored from the old layout ({@link LegacyRevisionFiles}). A
   * plan whose re-index fails (no executor of its pool, storage unreachable) is asked again at the
   * next start. How many plans were asked.
   */
  Mono<Long> renewOlderLayout() {
    return mongo
        .find(query(where("filesInParts").ne(true)), RevisionDocument.class)
        .map(RevisionDocument::planId)
        .distinct()
        .concatMap(plans::find)
        .concatMap(plan -> requestFullIndex(plan.plan()))
        .count()
        .doOnNext(
            count -> {
              if (count > 0) {
                log.info(
                    "Asked {} plan(s) whose revision index is in the earlier layout to index"
                        + " their history again",
                    count);
              }
            })
        .onErrorResume(
            e -> {
              log.warn("Revision indexes in the earlier layout not renewed yet: {}", e.toString());
              return Mono.empty();
            });
  }

  Mono<RevisionDocument> revision(String planId, String revision) {
    return mongo.findById(RevisionDocument.id(planId, revision), RevisionDocument.class);
  }

  /** Whether the plan's history holds this revision folder, as far as the index knows. */
  public Mono<Boolean> exists(String planId, String revision) {
    return revision(planId, revision).hasElement();
  }

  Flux<RevisionDocument> revisions(String planId, int page, int size) {
    Query newestFirst =
        query(where("planId").is(planId))
            .with(Sort.by(Sort.Direction.DESC, "madeAt"))
            .skip((long) page * size)
            .limit(size);
    newestFirst.fields().exclude("parts");
    return mongo.find(newestFirst, RevisionDocument.class);
  }

  Mono<Long> countRevisions(String planId) {
    return mongo.count(query(where("planId").is(planId)), RevisionDocument.class);
  }
}
