package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.plan.outbox.PendingMessage;
import io.syncplan.plan.plan.PlanNotFoundException;
import io.syncplan.plan.plan.PlanService;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Asks for runs and reads the run history. */
@Service
class RunService {

  private final PlanService plans;
  private final ReactiveMongoTemplate mongo;
  private final MessagePublisher publisher;
  private final Clock clock;

  RunService(
      PlanService plans, ReactiveMongoTemplate mongo, MessagePublisher publisher, Clock clock) {
    this.plans = plans;
    this.mongo = mongo;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Records the run as QUEUED and puts its command into the plan's outbox, so the request is kept
   * even while Kafka is down.
   */
  Mono<String> runNow(String planId, RunNowRequest request) {
    return plans
        .get(planId)
        .flatMap(
            document -> {
              Instant now = clock.instant();
              RunRequested command =
                  new RunRequested(
                      UUID.randomUUID().toString(),
                      RunTrigger.MANUAL,
                      now,
                      request.priorityOrDefault(),
                      request.isDryRun(),
                      document.plan());
              Envelope<RunRequested> envelope = publisher.envelope(command);
              RunDocument run =
                  RunDocument.queued(
                      command.runId(),
                      planId,
                      command.trigger(),
                      command.priority(),
                      command.dryRun(),
                      now);
              return mongo
                  .insert(run)
                  .then(
                      plans.enqueue(
                          planId,
                          PendingMessage.of(Topics.commands(document.plan().pool()), envelope)))
                  .switchIfEmpty(Mono.error(() -> new PlanNotFoundException(planId)))
                  .thenReturn(command.runId());
            });
  }

  Mono<RunDocument> get(String runId) {
    return mongo
        .findById(runId, RunDocument.class)
        .switchIfEmpty(Mono.error(() -> new RunNotFoundException(runId)));
  }

  /** The plan's runs, newest first. */
  Flux<RunDocument> ofPlan(String planId, int page, int size) {
    return plans
        .get(planId)
        .thenMany(
            mongo.find(
                query(where("planId").is(planId))
                    .with(Sort.by(Sort.Direction.DESC, "requestedAt"))
                    .skip((long) page * size)
                    .limit(size),
                RunDocument.class));
  }

  Mono<Long> countOfPlan(String planId) {
    return mongo.count(query(where("planId").is(planId)), RunDocument.class);
  }
}
