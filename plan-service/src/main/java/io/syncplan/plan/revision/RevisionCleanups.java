package io.syncplan.plan.revision;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.RevisionCleanupRequested;
import io.syncplan.contracts.plan.RevisionsCleaned;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.plan.outbox.PendingMessage;
import io.syncplan.plan.plan.PlanData;
import io.syncplan.plan.plan.PlanNotFoundException;
import io.syncplan.plan.plan.PlanService;
import io.syncplan.plan.plan.PlanStore;
import io.syncplan.plan.web.ConflictException;
import io.syncplan.plan.web.NotFoundException;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Asks the executors to remove a plan's expired revisions now, and records what they did. */
@Component
public class RevisionCleanups implements PlanData {

  private final PlanService plans;
  private final PlanStore store;
  private final ReactiveMongoTemplate mongo;
  private final MessagePublisher publisher;
  private final Clock clock;

  RevisionCleanups(
      PlanService plans,
      PlanStore store,
      ReactiveMongoTemplate mongo,
      MessagePublisher publisher,
      Clock clock) {
    this.plans = plans;
    this.store = store;
    this.mongo = mongo;
    this.publisher = publisher;
    this.clock = clock;
  }

  Mono<RevisionCleanupDocument> request(String planId) {
    return plans
        .get(planId)
        .flatMap(
            plan -> {
              if (plan.plan().mode() != SyncMode.MIRROR_WITH_REVISIONS) {
                return Mono.error(
                    new ConflictException(
                        "Only a MIRROR_WITH_REVISIONS plan keeps revisions; this one is "
                            + plan.plan().mode(),
                        Map.of("planId", planId)));
              }
              String requestId = UUID.randomUUID().toString();
              RevisionCleanupDocument cleanup =
                  new RevisionCleanupDocument(
                      requestId, planId, "REQUESTED", clock.instant(), null, null, null, null);
              PendingMessage command =
                  PendingMessage.of(
                      Topics.commands(plan.plan().pool()),
                      publisher.envelope(new RevisionCleanupRequested(requestId, plan.plan())));
              return mongo
                  .insert(cleanup)
                  .flatMap(
                      saved ->
                          store
                              .enqueue(planId, List.of(command))
                              .switchIfEmpty(Mono.error(() -> new PlanNotFoundException(planId)))
                              .thenReturn(saved));
            });
  }

  Mono<RevisionCleanupDocument> get(String planId, String requestId) {
    return mongo
        .findOne(
            query(where("_id").is(requestId).and("planId").is(planId)),
            RevisionCleanupDocument.class)
        .switchIfEmpty(Mono.error(() -> new NotFoundException("revision clean-up", requestId)));
  }

  /** Drops the clean-ups asked for a deleted plan. */
  @Override
  public Mono<Void> forget(String planId) {
    return mongo.remove(query(where("planId").is(planId)), RevisionCleanupDocument.class).then();
  }

  /** The executors' report; clean-ups nobody asked for through the API are not recorded. */
  public Mono<Void> record(RevisionsCleaned result) {
    if (result.requestId() == null) {
      return Mono.empty();
    }
    return mongo
        .updateFirst(
            query(where("_id").is(result.requestId()).and("status").is("REQUESTED")),
            new Update()
                .set("status", result.error() == null ? "DONE" : "FAILED")
                .set("foldersRemoved", result.foldersRemoved())
                .set("foldersKept", result.foldersKept())
                .set("error", result.error())
                .set("finishedAt", clock.instant()),
            RevisionCleanupDocument.class)
        .then();
  }
}
