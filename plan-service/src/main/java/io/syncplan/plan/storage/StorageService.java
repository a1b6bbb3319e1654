package io.syncplan.plan.storage;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.plan.plan.PlanDocument;
import io.syncplan.plan.plan.PlanService;
import io.syncplan.plan.plan.PlanStore;
import io.syncplan.plan.secret.Secrets;
import io.syncplan.plan.web.ConflictException;
import io.syncplan.plan.web.ETags;
import io.syncplan.plan.web.NotFoundException;
import io.syncplan.plan.web.PreconditionFailedException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, changes and deletes storages. Plans carry a copy of their storages' settings in every
 * snapshot, so executors need nothing else: when a storage changes, every plan using it is
 * published again. A storage a plan uses cannot be deleted.
 */
@Service
class StorageService {

  private static final Logger log = LoggerFactory.getLogger(StorageService.class);

  private final ReactiveMongoTemplate mongo;
  private final Secrets secrets;
  private final PlanStore planStore;
  private final PlanService plans;
  private final Clock clock;

  StorageService(
      ReactiveMongoTemplate mongo,
      Secrets secrets,
      PlanStore planStore,
      PlanService plans,
      Clock clock) {
    this.mongo = mongo;
    this.secrets = secrets;
    this.planStore = planStore;
    this.plans = plans;
    this.clock = clock;
  }

  Mono<StorageDocument> create(StorageRequest request) {
    Instant now = clock.instant();
    StorageDocument storage =
        new StorageDocument(
            UUID.randomUUID().toString(),
            request.name().strip(),
            StorageDocument.nameKey(request.name()),
            request.type(),
            request.options(),
            sealed(request.secrets(), Map.of()),
            1,
            now,
            now);
    return mongo.insert(storage).onErrorMap(DuplicateKeyException.class, e -> nameTaken(request));
  }

  Mono<StorageDocument> get(String id) {
    return mongo
        .findById(id, StorageDocument.class)
        .switchIfEmpty(Mono.error(() -> new NotFoundException("storage", id)));
  }

  Flux<StorageDocument> list(int page, int size) {
    return mongo.find(
        new Query().with(Sort.by("nameKey", "_id")).skip((long) page * size).limit(size),
        StorageDocument.class);
  }

  Mono<Long> count() {
    return mongo.count(new Query(), StorageDocument.class);
  }

  /**
   * Replaces the storage's settings; secrets left out are kept unless the type changes. Then
   * publishes every plan using it again.
   */
  Mono<StorageDocument> replace(String id, StorageRequest request, String ifMatch) {
    return get(id)
        .flatMap(
            current -> {
              ETags.check(ifMatch, current.version(), "The storage");
              Map<String, SealedSecret> kept =
                  current.type().equals(request.type()) ? current.secrets() : Map.of();
              Map<String, SealedSecret> next = sealed(request.secrets(), kept);
              Map<String, String> options =
                  request.options() == null ? Map.of() : request.options();
              if (current.name().equals(request.name().strip())
                  && current.type().equals(request.type())
                  && current.options().equals(options)
                  && current.secrets().equals(next)) {
                return Mono.just(current);
              }
              return mongo
                  .findAndModify(
                      query(where("_id").is(id).and("version").is(current.version())),
                      new Update()
                          .set("name", request.name().strip())
                          .set("nameKey", StorageDocument.nameKey(request.name()))
                          .set("type", request.type())
                          .set("options", options)
                          .set("secrets", next)
                          .set("version", current.version() + 1)
                          .set("updatedAt", clock.instant()),
                      FindAndModifyOptions.options().returnNew(true),
                      StorageDocument.class)
                  .onErrorMap(DuplicateKeyException.class, e -> nameTaken(request))
                  .switchIfEmpty(
                      Mono.error(
                          () ->
                              new PreconditionFailedException(
                                  "The storage", ETags.of(current.version() + 1))))
                  .flatMap(saved -> republish(saved.id()).thenReturn(saved));
            });
  }

  /** Deletes the storage unless a plan uses it (409, naming the plans). */
  Mono<Void> delete(String id, String ifMatch) {
    return get(id)
        .flatMap(
            storage -> {
              ETags.check(ifMatch, storage.version(), "The storage");
              return planStore
                  .usingStorage(id)
                  .map(plan -> Map.of("id", plan.id(), "name", plan.plan().name()))
                  .collectList()
                  .flatMap(
                      users -> {
                        if (!users.isEmpty()) {
                          return Mono.error(
                              new ConflictException(
                                  "The storage is used by "
                                      + users.size()
                                      + " plan(s); change or delete them first",
                                  Map.of("plans", users)));
                        }
                        return mongo.remove(storage).then();
                      });
            });
  }

  /** Publishes every plan using the storage again, with its new settings. */
  private Mono<Void> republish(String storageId) {
    return planStore
        .usingStorage(storageId)
        .map(PlanDocument::id)
        .concatMap(
            planId ->
                plans
                    .refreshStorages(planId)
                    .onErrorResume(
                        e -> {
                          log.warn(
                              "Plan {} not yet republished after storage {} changed: {}",
                              planId,
                              storageId,
                              e.toString());
                          return Mono.empty();
                        }))
        .then();
  }

  private Map<String, SealedSecret> sealed(
      Map<String, String> sent, Map<String, SealedSecret> current) {
    Map<String, SealedSecret> result = new LinkedHashMap<>(current);
    if (sent != null) {
      sent.forEach(
          (key, value) -> {
            if (value == null) {
              result.remove(key);
            } else {
              SealedSecret kept = secrets.update(value, current.get(key));
              if (kept == null) {
                result.remove(key);
              } else {
                result.put(key, kept);
              }
            }
          });
    }
    return result;
  }

  private static ConflictException nameTaken(StorageRequest request) {
    return new ConflictException(
        "A storage named '" + request.name().strip() + "' already exists",
        Map.of("name", request.name().strip()));
  }

  static List<String> names(Map<String, ?> map) {
    return map.keySet().stream().sorted().toList();
  }
}
