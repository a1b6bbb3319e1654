package io.syncplan.plan.storage;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.secret.SealedSecret;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.contracts.secret.SecretContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seals every storage's secrets again with the current key and their owner and field as associated
 * data, for a key rotation: each secret the current key did not seal is opened with whichever known
 * key sealed it and sealed anew. The plans that carry them are published again afterwards, by the
 * caller.
 */
@Component
public class StorageSecrets {

  private final ReactiveMongoTemplate mongo;
  private final ObjectProvider<SecretCipher> cipher;
  private final Clock clock;

  StorageSecrets(ReactiveMongoTemplate mongo, ObjectProvider<SecretCipher> cipher, Clock clock) {
    this.mongo = mongo;
    this.cipher = cipher;
    this.clock = clock;
  }

  /** The outcome for one storage: sealed again, or why it could not be. */
  public record Resealed(String storageId, boolean changed, String problem) {}

  /** Seals the secrets of every storage again where needed, one storage after the other. */
  public Flux<Resealed> resealAll() {
    return mongo.find(new Query(), StorageDocument.class).concatMap(this::reseal);
  }

  private Mono<Resealed> reseal(StorageDocument storage) {
    SecretCipher secrets = cipher.getObject();
    Map<String, SealedSecret> next = new LinkedHashMap<>();
    try {
      storage
          .secrets()
          .forEach(
              (option, secret) -> {
                SecretContext context = SecretContext.storage(storage.id(), option);
                next.put(
                    option,
                    secrets.sealedForPool(null, secret)
                        ? secret
                        : secrets.seal(secrets.open(secret, context), context));
              });
    } catch (IllegalArgumentException e) {
      return Mono.just(new Resealed(storage.id(), false, e.getMessage()));
    }
    if (next.equals(storage.secrets())) {
      return Mono.just(new Resealed(storage.id(), false, null));
    }
    return mongo
        .findAndModify(
            query(where("_id").is(storage.id()).and("version").is(storage.version())),
            new Update()
                .set("secrets", next)
                .set("version", storage.version() + 1)
                .set("updatedAt", clock.instant()),
            StorageDocument.class)
        .map(found -> new Resealed(storage.id(), true, null))
        .defaultIfEmpty(
            new Resealed(storage.id(), false, "changed meanwhile; ask again to seal it"));
  }
}
