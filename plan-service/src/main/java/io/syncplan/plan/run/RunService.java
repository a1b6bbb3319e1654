package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.CancelRequested;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.plan.outbox.OutboxFullException;
import io.syncplan.plan.outbox.PendingMessage;
import io.syncplan.plan.plan.PlanDirectory;
import io.syncplan.plan.plan.PlanDocument;
import io.syncplan.plan.plan.PlanDocument.NeedsResync;
import io.syncplan.plan.plan.PlanNotFoundException;
import io.syncplan.plan.plan.PlanService;
import io.syncplan.plan.plan.PlanStore;
import io.syncplan.plan.store.RecordFinder;
import io.syncplan.plan.web.ConflictException;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Asks for runs and cancellations, and reads the run history. Commands go into the plan's outbox,
 * so a request accepted while Kafka is down is kept and sent, in order with the plan's events.
 */
@Service
class RunService {

  static final List<RunStatus> ACTIVE =
      Arrays.stream(RunStatus.values()).filter(status -> !status.isFinal()).toList();

  private final PlanService plans;
  private final PlanDirectory directory;
  private final PlanStore store;
  private final ReactiveMongoTemplate mongo;
  private final RecordFinder finder;
  private final MessagePublisher publisher;
  private final Clock clock;

  RunService(
      PlanService plans,
      PlanDirectory directory,
      PlanStore store,
      ReactiveMongoTemplate mongo,
      RecordFinder finder,
      MessagePublisher publisher,
      Clock clock) {
    this.plans = plans;
    this.directory = directory;
    this.store = store;
    this.mongo = mongo;
    this.finder = finder;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Records the run as QUEUED and puts its command into the plan's outbox, so the request is kept
   * even while Kafka is down. A plan that needs a resync is refused (409) with the reason.
   */
  Mono<RunDocument> runNow(String planId, RunNowRequest request) {
    return plans
        .get(planId)
        .flatMap(
            document -> {
              if (document.needsResync() != null) {
                return Mono.error(needsResync(document));
              }
              return request(
                  document, RunTrigger.MANUAL, request.priorityOrDefault(), request.isDryRun());
            });
  }

  /**
   * Asks for a resync of a BISYNC plan, or with {@code preview} for a dry run of one that lists
   * what it would copy each way and replace. An operator's explicit decision: it is not refused
   * when the plan does not need one (409 only for a plan of another mode).
   */
  Mono<RunDocument> resync(String planId, boolean preview) {
    return plans
        .get(planId)
        .flatMap(
            document -> {
              if (document.plan().mode() != SyncMode.BISYNC) {
                return Mono.error(
                    new ConflictException(
                        "Only a BISYNC plan has a state to resync; this plan is "
                            + document.plan().mode(),
                        Map.of("planId", planId, "mode", document.plan().mode())));
              }
              return request(document, RunTrigger.RESYNC, Priority.HIGH, preview);
            });
  }

  private Mono<RunDocument> request(
      PlanDocument document, RunTrigger trigger, Priority priority, boolean dryRun) {
    return request(
        document,
        new RunRequested(
            UUID.randomUUID().toString(),
            trigger,
            clock.instant(),
            priority,
            dryRun,
            document.plan()));
  }

  /**
   * Records a run command as QUEUED and puts it into the plan's outbox (of any kind: a sync, a
   * restore, a verification).
   */
  Mono<RunDocument> request(PlanDocument document, RunRequested command) {
    String planId = document.id();
    Instant now = command.scheduledAt();
    Envelope<RunRequested> envelope = publisher.envelope(command);
    RunDocument run =
        RunDocument.queued(
            command.runId(),
            planId,
            command.trigger(),
            command.priority(),
            command.dryRun(),
            now,
            command.kind());
    return mongo
        .insert(run)
        .flatMap(
            saved ->
                store
                    .enqueue(
                        planId,
                        List.of(
                            PendingMessage.of(Topics.commands(document.plan().pool()), envelope)))
                    .switchIfEmpty(Mono.error(() -> new PlanNotFoundException(planId)))
                    .onErrorResume(RunService::refused, refused -> forget(saved, refused))
                    .thenReturn(saved));
  }

  /** The outbox took nothing: the plan's outbox is full, or the plan is gone. */
  private static boolean refused(Throwable error) {
    return error instanceof OutboxFullException || error instanceof PlanNotFoundException;
  }

  /**
   * Takes back the run of a refused request: left QUEUED without its command, the reconciler would
   * find it stale and send its command after all, running what the caller was told was refused.
   */
  private Mono<PlanDocument> forget(RunDocument run, Throwable refused) {
    return mongo
        .remove(query(where("_id").is(run.runId())), RunDocument.class)
        .then(Mono.error(refused));
  }

  private static ConflictException needsResync(PlanDocument document) {
    NeedsResync needed = document.needsResync();
    String resync = "/api/v1/plans/" + document.id() + "/resync";
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("planId", document.id());
    properties.put("reason", needed.reason());
    properties.put("since", needed.since());
    properties.put("resync", resync);
    return new ConflictException(
        "The plan needs a resync since "
            + needed.since()
            + " ("
            + needed.reason()
            + (needed.message() == null ? "" : ": " + needed.message())
            + "), so its runs are refused. Check that both sides hold what they should, preview"
            + " the resync with POST "
            + resync
            + "?preview=true, then POST "
            + resync,
        properties);
  }

  /** Asks the executors to cancel every active run of the plan; 409 when none is active. */
  Mono<List<String>> cancelActive(String planId) {
    return plans
        .get(planId)
        .flatMap(
            plan ->
                mongo
                    .find(
                        query(where("planId").is(planId).and("status").in(ACTIVE)),
                        RunDocument.class)
                    .map(RunDocument::runId)
                    .collectList()
                    .flatMap(
                        runIds -> {
                          if (runIds.isEmpty()) {
                            return Mono.error(
                                new ConflictException(
                                    "The plan has no active run to cancel",
                                    Map.of("planId", planId)));
                          }
                          return cancel(plan.plan().pool(), planId, runIds).thenReturn(runIds);
                        }));
  }

  /** Asks the executors to cancel this run; 409 when it already ended. */
  Mono<RunDocument> cancelRun(String runId) {
    return get(runId)
        .flatMap(
            run -> {
              if (run.status().isFinal()) {
                return Mono.error(
                    new ConflictException(
                        "The run already ended " + run.status(),
                        Map.of("runId", runId, "status", run.status())));
              }
              return plans
                  .get(run.planId())
                  .flatMap(plan -> cancel(plan.plan().pool(), run.planId(), List.of(runId)))
                  .thenReturn(run);
            });
  }

  private Mono<Void> cancel(String pool, String planId, List<String> runIds) {
    List<PendingMessage> commands =
        runIds.stream()
            .map(
                runId ->
                    PendingMessage.of(
                        Topics.commands(pool),
                        publisher.envelope(new CancelRequested(runId, planId))))
            .toList();
    return store
        .enqueue(planId, commands)
        .switchIfEmpty(Mono.error(() -> new PlanNotFoundException(planId)))
        .then();
  }

  /**
   * Fails with 404 unless the plan exists: this instance's plan list answers for the plans it knows
   * (a plan's history is read often, and the list is in memory); the store for the rest, such as a
   * plan another instance created a moment ago.
   */
  Mono<Void> requirePlan(String planId) {
    return directory.summary(planId) != null ? Mono.empty() : plans.get(planId).then();
  }

  Mono<RunDocument> get(String runId) {
    return mongo
        .findById(runId, RunDocument.class)
        .switchIfEmpty(Mono.error(() -> new RunNotFoundException(runId)));
  }

  /** Runs matching the filter, newest first. */
  Flux<RunDocument> find(RunFilter filter, int page, int size) {
    return finder.find(listed(filter, page, size), RunDocument.class);
  }

  /** The page of runs a list shows: newest first, then by id. */
  static Query listed(RunFilter filter, int page, int size) {
    return filter
        .query()
        .with(Sort.by(Sort.Direction.DESC, "requestedAt").and(Sort.by("runId")))
        .skip((long) page * size)
        .limit(size);
  }

  Mono<Long> count(RunFilter filter) {
    return mongo.count(filter.query(), RunDocument.class);
  }

  /** Which runs a list shows; every given criterion must hold. */
  record RunFilter(String planId, List<RunStatus> statuses, Instant from, Instant to) {

    Query query() {
      Criteria criteria = new Criteria();
      if (planId != null) {
        criteria = criteria.and("planId").is(planId);
      }
      if (statuses != null && !statuses.isEmpty()) {
        criteria = criteria.and("status").in(statuses);
      }
      if (from != null || to != null) {
        Criteria requested = criteria.and("requestedAt");
        if (from != null) {
          requested = requested.gte(from);
        }
        if (to != null) {
          requested = requested.lt(to);
        }
        criteria = requested;
      }
      return new Query(criteria);
    }
  }
}
