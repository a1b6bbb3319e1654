package io.syncplan.plan.revision;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The revision folders an earlier version indexed, one document per file ({@link
 * RevisionFileDocument}), still browsed and restored from until the plan's history is indexed again
 * in parts, which plan-service asks for at start ({@link RevisionIndex#renewOlderLayout()}). Slow
 * on the embedded store, which reads the whole collection for each of these queries; never written
 * any more, and removed with their folders ({@link RevisionParts}).
 */
@Component
class LegacyRevisionFiles {

  private final ReactiveMongoTemplate mongo;

  LegacyRevisionFiles(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  Mono<RevisionFiles.Listing> page(RevisionDocument folder, String path, int page, int size) {
    return mongo
        .find(
            filesBelow(folder.planId(), folder.revision(), path)
                .with(Sort.by("path", "side"))
                .skip((long) page * size)
                .limit(size),
            RevisionFileDocument.class)
        .map(RevisionFileResponse::of)
        .collectList()
        .zipWith(
            mongo.count(
                filesBelow(folder.planId(), folder.revision(), path), RevisionFileDocument.class),
            (items, total) -> new RevisionFiles.Listing(items, total));
  }

  /** The kept versions of one file in these revisions of the plan. */
  Flux<RevisionFileResponse> versions(String planId, String path, Collection<String> revisions) {
    return mongo
        .find(
            query(where("planId").is(planId).and("path").is(path).and("revision").in(revisions)),
            RevisionFileDocument.class)
        .map(RevisionFileResponse::of);
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
