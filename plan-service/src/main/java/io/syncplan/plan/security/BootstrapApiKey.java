package io.syncplan.plan.security;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes sure somebody can call the API on a fresh installation. With {@code
 * SYNCPLAN_BOOTSTRAP_API_KEY} set, that key is an admin key (changing the variable replaces it).
 * Without it, when no admin key exists yet, an admin key is generated and printed once to standard
 * output; only its hash is kept, so it is never shown again. With several instances starting at
 * once, one of them generates it.
 *
 * <p>Runs while the application starts, before it serves requests; blocking here holds no event
 * loop.
 */
@Component
public class BootstrapApiKey implements ApplicationRunner {

  static final String ID = "bootstrap";
  private static final Logger log = LoggerFactory.getLogger(BootstrapApiKey.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ApiKeys keys;
  private final ReactiveMongoTemplate mongo;
  private final SecurityProperties properties;
  private volatile String generated;

  BootstrapApiKey(ApiKeys keys, ReactiveMongoTemplate mongo, SecurityProperties properties) {
    this.keys = keys;
    this.mongo = mongo;
    this.properties = properties;
  }

  /**
   * The admin key this instance generated at start-up, for an embedding application (the standalone
   * stack) to show; empty when a key was configured or one existed already.
   */
  public Optional<String> generatedKey() {
    return Optional.ofNullable(generated);
  }

  @Override
  public void run(ApplicationArguments args) {
    String configured = properties.bootstrapApiKey();
    if (configured != null) {
      ApiKeyDocument document =
          keys.document(ID, "bootstrap", Role.ADMIN, configured.strip(), "configuration");
      mongo
          .upsert(
              query(where("_id").is(ID)),
              new Update()
                  .set("name", document.name())
                  .set("role", document.role())
                  .set("hash", document.hash())
                  .set("prefix", document.prefix())
                  .set("createdBy", document.createdBy())
                  .setOnInsert("createdAt", document.createdAt()),
              ApiKeyDocument.class)
          .block(TIMEOUT);
      log.info("Admin API key from SYNCPLAN_BOOTSTRAP_API_KEY is active");
      return;
    }
    keys.anyAdmin()
        .flatMap(
            exists ->
                exists
                    ? Mono.<String>empty()
                    : keys.issue(ID, "bootstrap", Role.ADMIN, "start-up")
                        .map(ApiKeys.Issued::key)
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()))
        .doOnNext(this::announce)
        .block(TIMEOUT);
  }

  private void announce(String key) {
    generated = key;
    System.out.println(
        """

        ==========================================================================
         syncplan: generated an admin API key. It is shown only this once:

           %s

         Send it as 'Authorization: Bearer <key>'. Issue further keys with
         POST /api/v1/keys, or set SYNCPLAN_BOOTSTRAP_API_KEY to choose your own.
        ==========================================================================
        """
            .formatted(key));
  }
}
