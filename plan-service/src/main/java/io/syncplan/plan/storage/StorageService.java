package io.syncplan.plan.storage;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretContext;
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
 * snapshot, so executors need nothing else: when a storage changes, every plan using it (directly
 * or through a wrapper storage) is published again. A storage a plan or another storage uses cannot
 * be deleted. A change of where a storage points (its type or any of its options) drops the secrets
 * it kept, so they never follow it to a place their owner did not mean them for; the request must
 * send them again.
 */
@Service
class StorageService {

  private static final Logger log = LoggerFactory.getLogger(StorageService.class);

  private final ReactiveMongoTemplate mongo;
  private final Secrets secrets;
  private final StorageUsers users;
  private final StorageLinks links;
  private final Clock clock;

  StorageService(
      ReactiveMongoTemplate mongo,
      Secrets secrets,
      StorageUsers users,
      StorageLinks links,
      Clock clock) {
    this.mongo = mongo;
    this.secrets = secrets;
    this.users = users;
    this.links = links;
    this.clock = clock;
  }

  Mono<StorageDocument> create(StorageRequest request) {
    String id = UUID.randomUUID().toString();
    return links
        .resolve(id, request)
        .flatMap(
            references -> {
              Instant now = clock.instant();
              StorageDocument storage =
                  new StorageDocument(
                      id,
                      request.name().strip(),
                      StorageDocument.nameKey(request.name()),
                      request.type(),
                      request.options(),
                      sealed(id, request.secrets(), Map.of()),
                      references,
                      1,
                      now,
                      now);
              return mongo
                  .insert(storage)
                  .onErrorMap(DuplicateKeyException.class, e -> nameTaken(request));
            });
  }

  Mono<StorageDocument> get(String id) {
    return mongo
        .findById(id, StorageDocument.class)
        .switchIfEmpty(Mono.error(() -> new NotFoundException("storage", id)));
  }

  /** The storage as plans and executors see it, with every storage it builds on. */
  Mono<StorageSpec> spec(String id) {
    return get(id).flatMap(links::spec);
  }

  Flux<StorageDocument> list(int page, int size) {
    return mongo.find(
        new Query().with(Sort.by("nameKey", "_id")).skip((long) page * size).limit(size),
        StorageDocument.class);
  }

  Mono<Long> count() {
    return mongo.count(new Query(), StorageDocument.class);
  }

  /** A replaced storage, and the secrets it no longer keeps. */
  record Replaced(StorageDocument storage, List<String> secretsDropped) {}

  /**
   * Replaces the storage's settings; secrets left out are kept only while the storage still points
   * where it did (same type and options). Then publishes every plan using it again.
   */
  Mono<Replaced> replace(String id, StorageRequest request, String ifMatch) {
    return get(id)
        .flatMap(
            current ->
                checkRename(current, request)
                    .then(links.resolve(id, request))
                    .flatMap(references -> replace(current, request, ifMatch, references)));
  }

  private Mono<Replaced> replace(
      StorageDocument current, StorageRequest request, String ifMatch, List<String> references) {
    ETags.check(ifMatch, current.version(), "The storage");
    Map<String, String> options = request.options() == null ? Map.of() : request.options();
    boolean samePlace = current.type().equals(request.type()) && current.options().equals(options);
    Map<String, SealedSecret> kept = samePlace ? current.secrets() : Map.of();
    Map<String, SealedSecret> next = sealed(current.id(), request.secrets(), kept);
    List<String> dropped =
        current.secrets().keySet().stream()
            .filter(key -> !next.containsKey(key))
            .filter(key -> request.secrets() == null || !request.secrets().containsKey(key))
            .sorted()
            .toList();
    if (current.name().equals(request.name().strip())
        && samePlace
        && current.secrets().equals(next)
        && current.references().equals(references)) {
      return Mono.just(new Replaced(current, List.of()));
    }
    if (!dropped.isEmpty()) {
      log.info(
          "Storage {} points elsewhere now; its secrets {} were dropped", current.id(), dropped);
    }
    return mongo
        .findAndModify(
            query(where("_id").is(current.id()).and("version").is(current.version())),
            new Update()
                .set("name", request.name().strip())
                .set("nameKey", StorageDocument.nameKey(request.name()))
                .set("type", request.type())
                .set("options", options)
                .set("secrets", next)
                .set("references", references)
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
        .flatMap(saved -> republish(saved.id()).thenReturn(new Replaced(saved, dropped)));
  }

  /** A storage another one names by name keeps its name: the other would lose its way. */
  private Mono<Void> checkRename(StorageDocument current, StorageRequest request) {
    if (current.nameKey().equals(StorageDocument.nameKey(request.name()))) {
      return Mono.empty();
    }
    return refuseIfAny(
        links
            .builtOnBy(current.id())
            .filter(wrapper -> links.namesByName(wrapper, current.nameKey())),
        "named by",
        "name it by its id there first");
  }

  /** Deletes the storage unless a plan uses it (409, naming the plans). */
  Mono<Void> delete(String id, String ifMatch) {
    return get(id)
        .flatMap(
            storage -> {
              ETags.check(ifMatch, storage.version(), "The storage");
              return users
                  .using(id)
                  .map(plan -> Map.of("id", plan.id(), "name", plan.name()))
                  .collectList()
                  .flatMap(
                      using -> {
                        if (!using.isEmpty()) {
                          return Mono.error(
                              new ConflictException(
                                  "The storage is used by "
                                      + using.size()
                                      + " plan(s); change or delete them first",
                                  Map.of("plans", using)));
                        }
                        return builtOnBy(storage).then(mongo.remove(storage)).then();
                      });
            });
  }

  private Mono<Void> builtOnBy(StorageDocument storage) {
    return refuseIfAny(links.builtOnBy(storage.id()), "built on by", "change or delete them first");
  }

  /**
   * Refuses (409) a change that {@code wrappers}, storages built on this one, would not survive;
   * the problem names them.
   */
  private static Mono<Void> refuseIfAny(
      Flux<StorageDocument> wrappers, String howTheyUseIt, String remedy) {
    return wrappers
        .map(wrapper -> Map.of("id", wrapper.id(), "name", wrapper.name()))
        .collectList()
        .flatMap(
            found ->
                found.isEmpty()
                    ? Mono.empty()
                    : Mono.error(
                        new ConflictException(
                            "The storage is "
                                + howTheyUseIt
                                + " "
                                + found.size()
                                + " other storage(s); "
                                + remedy,
                            Map.of("storages", found))));
  }

  /** Publishes every plan using the storage again, with its new settings. */
  private Mono<Void> republish(String storageId) {
    return users
        .using(storageId)
        .map(StorageUsers.StorageUser::id)
        .concatMap(
            planId ->
                users
                    .refresh(planId)
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
      String storageId, Map<String, String> sent, Map<String, SealedSecret> current) {
    Map<String, SealedSecret> result = new LinkedHashMap<>(current);
    if (sent != null) {
      sent.forEach(
          (key, value) -> {
            if (value == null) {
              result.remove(key);
            } else {
              SealedSecret kept =
                  secrets.update(value, current.get(key), SecretContext.storage(storageId, key));
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
