package io.syncplan.plan.revision;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.plan.plan.PlanStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Asks, once at start and in the background, for a full re-index of each plan whose history an
 * earlier version indexed one document per file: the re-index stores it in parts, and its
 * completion removes the old documents ({@link RevisionIndex#completed}). Until then those folders
 * are browsed and restored from the old layout ({@link LegacyRevisionFiles}). A plan whose re-index
 * fails (no executor of its pool, storage unreachable) is asked again at the next start.
 */
@Component
class OlderIndexRenewal implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(OlderIndexRenewal.class);

  private final ReactiveMongoTemplate mongo;
  private final PlanStore plans;
  private final RevisionIndex index;

  OlderIndexRenewal(ReactiveMongoTemplate mongo, PlanStore plans, RevisionIndex index) {
    this.mongo = mongo;
    this.plans = plans;
    this.index = index;
  }

  @Override
  public void run(ApplicationArguments args) {
    renew().subscribe();
  }

  /** How many plans were asked to index their history again. */
  Mono<Long> renew() {
    return mongo
        .find(query(where("filesInParts").ne(true)), RevisionDocument.class)
        .map(RevisionDocument::planId)
        .distinct()
        .concatMap(plans::find)
        .concatMap(plan -> index.requestFullIndex(plan.plan()))
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
}
