package io.syncplan.plan.storage;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.StorageSpec;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Looks storages up for plans, which name them by id or by name. */
@Component
public class Storages {

  private final ReactiveMongoTemplate mongo;
  private final StorageLinks links;

  Storages(ReactiveMongoTemplate mongo, StorageLinks links) {
    this.mongo = mongo;
    this.links = links;
  }

  /**
   * The storage with this id, else the one with this name, with every storage it builds on; empty
   * when there is none.
   */
  public Mono<StorageSpec> find(String idOrName) {
    return mongo
        .findById(idOrName, StorageDocument.class)
        .switchIfEmpty(
            Mono.defer(
                () ->
                    mongo.findOne(
                        query(where("nameKey").is(StorageDocument.nameKey(idOrName))),
                        StorageDocument.class)))
        .flatMap(links::spec);
  }
}
