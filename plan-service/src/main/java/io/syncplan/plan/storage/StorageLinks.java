package io.syncplan.plan.storage;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.policy.BackendOptions;
import io.syncplan.contracts.policy.StoragePolicy;
import io.syncplan.contracts.policy.StorageReferences;
import io.syncplan.contracts.policy.StorageReferences.Reference;
import io.syncplan.plan.web.FieldProblem;
import io.syncplan.plan.web.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The storages a wrapper storage (alias, crypt, union ...) builds on. Its options name them by id
 * or name ({@link StorageReferences}); they are looked up when it is stored (each must exist, and
 * none may lead back to it) and carried, all of them, in the snapshots of the plans that use it,
 * where the executor resolves the names again itself.
 */
@Component
class StorageLinks {

  /** The most storages one storage may build on, through every wrapper in between. */
  static final int MAX_BUILT_ON = 16;

  private final ReactiveMongoTemplate mongo;
  private final StoragePolicy policy;

  StorageLinks(ReactiveMongoTemplate mongo, StoragePolicy policy) {
    this.mongo = mongo;
    this.policy = policy;
  }

  /**
   * The ids of the storages the request's options name, or an {@link InvalidRequestException}
   * naming the option whose storage is missing or leads back to {@code selfId}.
   */
  Mono<List<String>> resolve(String selfId, StorageRequest request) {
    Map<String, List<Reference>> byOption = references(request.type(), request.options());
    if (byOption.isEmpty()) {
      return Mono.just(List.of());
    }
    List<FieldProblem> problems = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    return Flux.fromIterable(byOption.entrySet())
        .concatMap(
            entry ->
                Flux.fromIterable(entry.getValue())
                    .concatMap(
                        reference ->
                            find(reference.storage())
                                .doOnNext(found -> ids.add(found.id()))
                                .switchIfEmpty(
                                    Mono.fromRunnable(
                                        () ->
                                            problems.add(
                                                new FieldProblem(
                                                    "options[" + entry.getKey() + "]",
                                                    "no storage has the id or name '"
                                                        + reference.storage()
                                                        + "'"))))))
        .then(Mono.defer(() -> builtOn(List.copyOf(ids))))
        .flatMap(
            builtOn -> {
              if (builtOn.stream().anyMatch(storage -> storage.id().equals(selfId))) {
                problems.add(
                    new FieldProblem(
                        "options[" + byOption.keySet().iterator().next() + "]",
                        "leads back to this storage; a storage cannot build on itself"));
              } else if (builtOn.size() > MAX_BUILT_ON) {
                problems.add(
                    new FieldProblem(
                        "options[" + byOption.keySet().iterator().next() + "]",
                        "builds on more than " + MAX_BUILT_ON + " storages"));
              }
              return problems.isEmpty()
                  ? Mono.just(List.copyOf(ids))
                  : Mono.error(new InvalidRequestException(problems));
            });
  }

  /** The storage as plans carry it: with every storage it builds on, through every wrapper. */
  Mono<StorageSpec> spec(StorageDocument storage) {
    if (storage.references().isEmpty()) {
      return Mono.just(storage.toSpec(List.of()));
    }
    return builtOn(storage.references())
        .map(
            builtOn ->
                storage.toSpec(
                    builtOn.stream()
                        .filter(inner -> !inner.id().equals(storage.id()))
                        .map(inner -> inner.toSpec(List.of()))
                        .toList()));
  }

  /** The storages whose options name this one. */
  Flux<StorageDocument> builtOnBy(String id) {
    return mongo.find(query(where("references").is(id)), StorageDocument.class);
  }

  /** True when one of the storage's wrapper options names it by this name (not by id). */
  boolean namesByName(StorageDocument wrapper, String name) {
    return references(wrapper.type(), wrapper.options()).values().stream()
        .flatMap(List::stream)
        .anyMatch(reference -> StorageDocument.nameKey(reference.storage()).equals(name));
  }

  /** Every storage reachable from these ids, each once; stops after a few more than allowed. */
  private Mono<List<StorageDocument>> builtOn(List<String> ids) {
    Map<String, StorageDocument> found = new LinkedHashMap<>();
    return Flux.fromIterable(ids)
        .expand(
            id ->
                found.containsKey(id) || found.size() > MAX_BUILT_ON
                    ? Flux.empty()
                    : mongo
                        .findById(id, StorageDocument.class)
                        .doOnNext(storage -> found.put(storage.id(), storage))
                        .flatMapMany(storage -> Flux.fromIterable(storage.references())))
        .then(Mono.fromSupplier(() -> List.copyOf(found.values())));
  }

  /** The storage with this id, else the one with this name; empty when there is none. */
  Mono<StorageDocument> find(String idOrName) {
    return mongo
        .findById(idOrName, StorageDocument.class)
        .switchIfEmpty(
            Mono.defer(
                () ->
                    mongo.findOne(
                        query(where("nameKey").is(StorageDocument.nameKey(idOrName))),
                        StorageDocument.class)));
  }

  private Map<String, List<Reference>> references(String type, Map<String, String> options) {
    BackendOptions backend = policy.backend(type);
    Map<String, List<Reference>> byOption = new LinkedHashMap<>();
    if (backend == null || options == null) {
      return byOption;
    }
    options.forEach(
        (option, value) -> {
          if (backend.wraps(option)) {
            byOption.put(
                option, StorageReferences.parse(type, backend.options().get(option), value));
          }
        });
    return byOption;
  }
}
