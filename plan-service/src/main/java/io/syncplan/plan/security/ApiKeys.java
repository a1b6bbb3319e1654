package io.syncplan.plan.security;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.plan.web.ConflictException;
import io.syncplan.plan.web.NotFoundException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issues, checks and revokes API keys. A key is shown once, when it is issued; only its hash is
 * kept. Checked keys are trusted for {@code key-cache-ttl} so that a busy client does not cost a
 * store lookup per request.
 */
@Component
class ApiKeys {

  static final String PREFIX = "spk_";

  private record Cached(Authentication authentication, Instant until) {}

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;
  private final SecurityProperties properties;
  private final ApiKeyHashes hashes;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Cached> checked = new ConcurrentHashMap<>();

  ApiKeys(ReactiveMongoTemplate mongo, Clock clock, SecurityProperties properties) {
    this.mongo = mongo;
    this.clock = clock;
    this.properties = properties;
    this.hashes = new ApiKeyHashes(properties.apiKeyPepper());
  }

  ApiKeyHashes hashes() {
    return hashes;
  }

  /** A new key and its stored form. */
  record Issued(ApiKeyDocument document, String key) {}

  Mono<Issued> issue(String name, Role role, String issuedBy) {
    return issue(UUID.randomUUID().toString(), name, role, issuedBy);
  }

  Mono<Issued> issue(String id, String name, Role role, String issuedBy) {
    return store(id, name, role, newKey(), issuedBy);
  }

  /** Stores a key chosen elsewhere (the bootstrap key); fails if the id is taken. */
  Mono<Issued> store(String id, String name, Role role, String key, String issuedBy) {
    return mongo
        .insert(document(id, name, role, key, issuedBy))
        .map(saved -> new Issued(saved, key));
  }

  ApiKeyDocument document(String id, String name, Role role, String key, String issuedBy) {
    return new ApiKeyDocument(
        id,
        name,
        role,
        hashes.of(key),
        key.substring(0, Math.min(8, key.length())),
        clock.instant(),
        issuedBy,
        ApiKeyHashes.SCHEME);
  }

  Flux<ApiKeyDocument> list() {
    return mongo.find(new Query().with(Sort.by("createdAt", "_id")), ApiKeyDocument.class);
  }

  Mono<Boolean> anyAdmin() {
    return mongo.exists(query(where("role").is(Role.ADMIN)), ApiKeyDocument.class);
  }

  /** Revokes a key; the last admin key cannot be revoked, or nobody could manage keys again. */
  Mono<Void> revoke(String id) {
    return mongo
        .findById(id, ApiKeyDocument.class)
        .switchIfEmpty(Mono.error(() -> new NotFoundException("API key", id)))
        .flatMap(
            key ->
                (key.role() == Role.ADMIN
                        ? mongo.count(query(where("role").is(Role.ADMIN)), ApiKeyDocument.class)
                        : Mono.just(Long.MAX_VALUE))
                    .flatMap(
                        admins -> {
                          if (admins <= 1) {
                            return Mono.error(
                                new ConflictException(
                                    "This is the last admin key: issue another admin key first"));
                          }
                          checked.remove(key.hash());
                          return mongo.remove(key).then();
                        }));
  }

  /** The caller a key belongs to, or empty for an unknown key. */
  Mono<Authentication> authenticate(String key) {
    String hash = hashes.of(key);
    Instant now = clock.instant();
    Cached cached = checked.get(hash);
    if (cached != null && cached.until().isAfter(now)) {
      return Mono.just(cached.authentication());
    }
    return mongo
        .findOne(query(where("hash").is(hash)), ApiKeyDocument.class)
        .map(
            document -> {
              Authentication authentication =
                  UsernamePasswordAuthenticationToken.authenticated(
                      new Caller("key:" + document.name(), document.role(), "key:" + document.id()),
                      null,
                      document.role().authorities());
              checked.put(hash, new Cached(authentication, now.plus(properties.keyCacheTtl())));
              return authentication;
            });
  }

  String newKey() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
