package io.syncplan.plan.revision;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.revision.CurrentVersionFound;
import io.syncplan.contracts.revision.CurrentVersionRequested;
import io.syncplan.plan.config.PlanApiProperties;
import io.syncplan.plan.plan.PlanData;
import io.syncplan.support.CommandTopics;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Asks an executor of the plan's pool what the destination holds now at one path (through the
 * plan's encryption), and waits, without holding a thread, until some instance has recorded the
 * answer or the time is up: then the answer is empty and the versions are shown without it.
 */
@Component
public class CurrentVersions implements PlanData {

  private static final Duration LOOK_EVERY = Duration.ofMillis(100);

  private final ReactiveMongoTemplate mongo;
  private final MessagePublisher publisher;
  private final CommandTopics commandTopics;
  private final Clock clock;
  private final Duration timeout;

  CurrentVersions(
      ReactiveMongoTemplate mongo,
      MessagePublisher publisher,
      CommandTopics commandTopics,
      Clock clock,
      PlanApiProperties properties) {
    this.mongo = mongo;
    this.publisher = publisher;
    this.commandTopics = commandTopics;
    this.clock = clock;
    this.timeout = properties.currentVersionTimeout();
  }

  Mono<CurrentVersionDocument> ask(PlanSnapshot plan, String path) {
    String requestId = UUID.randomUUID().toString();
    CurrentVersionDocument pending =
        new CurrentVersionDocument(
            requestId, plan.id(), path, "PENDING", 0, null, null, clock.instant());
    return mongo
        .insert(pending)
        .then(commandTopics.ensure(plan.pool()))
        .flatMap(
            topic ->
                publisher.publish(
                    topic, publisher.envelope(new CurrentVersionRequested(requestId, plan, path))))
        .then(
            Flux.interval(LOOK_EVERY)
                .onBackpressureDrop()
                .concatMap(tick -> mongo.findById(requestId, CurrentVersionDocument.class), 1)
                .filter(CurrentVersionDocument::answered)
                .next()
                .timeout(timeout, Mono.empty()));
  }

  /** Drops the questions asked about a deleted plan (they would expire within a day anyway). */
  @Override
  public Mono<Void> forget(String planId) {
    return mongo.remove(query(where("planId").is(planId)), CurrentVersionDocument.class).then();
  }

  /** An executor's answer, recorded for whichever instance waits for it. */
  public Mono<Void> record(CurrentVersionFound found) {
    String status = found.error() != null ? "FAILED" : found.exists() ? "FOUND" : "ABSENT";
    return mongo
        .updateFirst(
            query(where("_id").is(found.requestId()).and("status").is("PENDING")),
            new Update()
                .set("status", status)
                .set("size", found.size())
                .set("modifiedAt", found.modifiedAt())
                .set("error", found.error()),
            CurrentVersionDocument.class)
        .then();
  }
}
