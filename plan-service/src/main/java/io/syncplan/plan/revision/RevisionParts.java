package io.syncplan.plan.revision;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.revision.RevisionIndexed;
import io.syncplan.plan.revision.RevisionDocument.PartRange;
import io.syncplan.plan.revision.RevisionPartDocument.IndexedFile;
import java.time.Clock;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes and removes the parts of the revision index ({@link RevisionPartDocument}) together with
 * their ranges on their folder's document, so that what a page finds there is stored; every part
 * removed by its key, never by a search of the parts.
 */
@Component
class RevisionParts {

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;

  RevisionParts(ReactiveMongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /**
   * Stores one part and its range, and the folder's totals. A part stored again (a redelivery, a
   * full re-index) replaces itself; the last part drops any part after it, which a re-index of a
   * folder that has since lost files leaves behind.
   */
  Mono<Void> store(RevisionIndexed part) {
    List<IndexedFile> files =
        part.files().stream().map(IndexedFile::of).sorted(IndexedFile.ORDER).toList();
    Update folder =
        new Update()
            .set("planId", part.planId())
            .set("revision", part.revision())
            .set("madeAt", part.madeAt())
            .set("files", part.totalFiles())
            .set("bytes", part.totalBytes())
            .set("indexedAt", clock.instant())
            .set("filesInParts", true);
    if (part.runId() != null) {
      folder.set("runId", part.runId());
    }
    Mono<Void> stored = Mono.empty();
    if (!files.isEmpty()) {
      folder.set(
          "parts." + RevisionDocument.partKey(part.part()),
          new Document("part", part.part())
              .append("first", files.get(0).path())
              .append("last", files.get(files.size() - 1).path())
              .append("files", files.size()));
      // the part before its range, so that a page never meets a range whose part is missing
      stored =
          mongo
              .save(
                  new RevisionPartDocument(
                      RevisionPartDocument.id(part.planId(), part.revision(), part.part()),
                      part.planId(),
                      part.revision(),
                      part.part(),
                      files))
              .then();
    }
    String id = RevisionDocument.id(part.planId(), part.revision());
    Mono<Void> ranged =
        mongo.upsert(query(where("_id").is(id)), folder, RevisionDocument.class).then();
    Mono<Void> trimmed =
        part.last() ? Mono.defer(() -> dropPartsAfter(id, part.part())) : Mono.empty();
    return stored.then(ranged).then(trimmed);
  }

  private Mono<Void> dropPartsAfter(String id, int last) {
    return mongo
        .findById(id, RevisionDocument.class)
        .flatMap(
            folder -> {
              List<PartRange> stale =
                  folder.partsInOrder().stream().filter(range -> range.part() > last).toList();
              if (stale.isEmpty()) {
                return Mono.empty();
              }
              Update unset = new Update();
              stale.forEach(
                  range -> unset.unset("parts." + RevisionDocument.partKey(range.part())));
              return mongo
                  .updateFirst(query(where("_id").is(id)), unset, RevisionDocument.class)
                  .then(removeParts(stale.stream().map(folder::partId).toList()));
            });
  }

  /** Drops these folders: their parts by id, their files in the earlier layout, then themselves. */
  Mono<Void> drop(Query folders) {
    return mongo
        .find(folders, RevisionDocument.class)
        .collectList()
        .flatMap(
            found -> {
              List<String> parts =
                  found.stream()
                      .flatMap(folder -> folder.partsInOrder().stream().map(folder::partId))
                      .toList();
              List<String> older =
                  found.stream()
                      .filter(folder -> !folder.filesInParts())
                      .map(RevisionDocument::revision)
                      .toList();
              Mono<Void> olderFiles =
                  older.isEmpty()
                      ? Mono.empty()
                      : removeOlderLayout(
                          where("planId").is(found.get(0).planId()).and("revision").in(older));
              return removeParts(parts)
                  .then(olderFiles)
                  .then(mongo.remove(folders, RevisionDocument.class))
                  .then();
            });
  }

  private Mono<Void> removeParts(List<String> ids) {
    return ids.isEmpty()
        ? Mono.empty()
        : mongo.remove(query(where("_id").in(ids)), RevisionPartDocument.class).then();
  }

  /**
   * Drops what an earlier version stored of the plan's index, one document per file ({@link
   * LegacyRevisionFiles}).
   */
  Mono<Void> dropOlderLayout(String planId) {
    return removeOlderLayout(where("planId").is(planId));
  }

  private Mono<Void> removeOlderLayout(Criteria files) {
    return mongo.remove(query(files), RevisionFileDocument.class).then();
  }
}
