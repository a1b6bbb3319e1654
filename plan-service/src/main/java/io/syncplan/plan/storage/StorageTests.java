package io.syncplan.plan.storage;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.StorageSpec;
import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.contracts.storage.StorageTested;
import io.syncplan.plan.config.PlanApiProperties;
import io.syncplan.plan.secret.Secrets;
import io.syncplan.plan.web.GatewayTimeoutException;
import io.syncplan.plan.web.NotFoundException;
import io.syncplan.support.CommandTopics;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Checks that a storage can be reached, through an executor of the chosen pool: records the check,
 * sends the command, and waits (without holding a thread) until some instance has recorded the
 * executor's answer, or the time is up.
 */
@Component
public class StorageTests {

  private static final Duration LOOK_EVERY = Duration.ofMillis(200);

  private final ReactiveMongoTemplate mongo;
  private final MessagePublisher publisher;
  private final CommandTopics commandTopics;
  private final Clock clock;
  private final Duration timeout;
  private final Secrets secrets;

  StorageTests(
      ReactiveMongoTemplate mongo,
      MessagePublisher publisher,
      CommandTopics commandTopics,
      Clock clock,
      PlanApiProperties properties,
      Secrets secrets) {
    this.secrets = secrets;
    this.mongo = mongo;
    this.publisher = publisher;
    this.commandTopics = commandTopics;
    this.clock = clock;
    this.timeout = properties.storageTestTimeout();
  }

  Mono<StorageTestDocument> test(StorageSpec storage, String pool, String path) {
    String requestId = UUID.randomUUID().toString();
    StorageTestDocument pending =
        new StorageTestDocument(
            requestId, storage.id(), pool, path, "PENDING", null, null, clock.instant(), null);
    StorageTestRequested command =
        new StorageTestRequested(
            // sealed as the pool's executors open it: an agent holds only its pool's key
            requestId, secrets.forPool(pool, storage, null), path == null ? "" : path);
    return mongo
        .insert(pending)
        .then(commandTopics.ensure(pool))
        .flatMap(topic -> publisher.publish(topic, publisher.envelope(command)))
        .then(answer(requestId));
  }

  private Mono<StorageTestDocument> answer(String requestId) {
    return Flux.interval(LOOK_EVERY)
        .onBackpressureDrop() // a look still running when the next is due: skip that one
        .concatMap(tick -> mongo.findById(requestId, StorageTestDocument.class), 1)
        .filter(StorageTestDocument::answered)
        .next()
        .timeout(
            timeout,
            Mono.error(
                () ->
                    new GatewayTimeoutException(
                        "No executor answered within "
                            + timeout.toSeconds()
                            + "s; is an executor of the pool running? The answer, if it comes,"
                            + " is kept under the request id.",
                        Map.of("requestId", requestId))));
  }

  Mono<StorageTestDocument> get(String storageId, String requestId) {
    return mongo
        .findOne(
            query(where("_id").is(requestId).and("storageId").is(storageId)),
            StorageTestDocument.class)
        .switchIfEmpty(Mono.error(() -> new NotFoundException("storage test", requestId)));
  }

  /** An executor's answer, recorded for whichever instance waits for it. */
  public Mono<Void> record(StorageTested result) {
    return mongo
        .updateFirst(
            query(where("_id").is(result.requestId()).and("status").is("PENDING")),
            new Update()
                .set("status", result.reachable() ? "REACHABLE" : "UNREACHABLE")
                .set("message", result.message())
                .set("executorId", result.executorId())
                .set("answeredAt", clock.instant()),
            StorageTestDocument.class)
        .then();
  }
}
