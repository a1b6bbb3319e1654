package io.syncplan.plan.security;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Moves API keys stored by syncplan 0.1 (a plain SHA-256 of the key) to HMAC-SHA256 under the
 * pepper, at start and before any key is checked, so that every key issued before keeps working.
 * Each key is changed by one conditional write, so instances starting together upgrade it once.
 */
@Component
class ApiKeyHashUpgrade {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyHashUpgrade.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ReactiveMongoTemplate mongo;
  private final ApiKeyHashes hashes;

  ApiKeyHashUpgrade(ReactiveMongoTemplate mongo, ApiKeys keys) {
    this.mongo = mongo;
    this.hashes = keys.hashes();
  }

  /** Blocks: runs while the application starts, before it serves requests. */
  long upgrade() {
    Long upgraded =
        mongo
            .find(query(where("hashScheme").exists(false)), ApiKeyDocument.class)
            .concatMap(
                key ->
                    mongo.updateFirst(
                        query(
                            where("_id")
                                .is(key.id())
                                .and("hash")
                                .is(key.hash())
                                .and("hashScheme")
                                .exists(false)),
                        new Update()
                            .set("hash", hashes.peppered(key.hash()))
                            .set("hashScheme", ApiKeyHashes.SCHEME),
                        ApiKeyDocument.class))
            .filter(result -> result.getModifiedCount() > 0)
            .count()
            .block(TIMEOUT);
    if (upgraded != null && upgraded > 0) {
      log.info(
          "Stored {} API key(s) of an earlier version as HMAC-SHA256 under the pepper", upgraded);
    }
    return upgraded == null ? 0 : upgraded;
  }
}
