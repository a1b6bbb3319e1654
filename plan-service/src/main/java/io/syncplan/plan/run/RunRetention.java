package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.delivery.Deliveries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the run history bounded: finished runs older than {@code max-age} go, and beyond the {@code
 * per-plan} newest finished runs of a plan the older ones go; with a run go its log (part of the
 * run), its complete change list ({@code run_changes}) and its notification deliveries. Deliveries
 * older than {@code deliveries-max-age} go too. Unfinished runs are never removed. Each query runs
 * on an index (finished runs by age, a plan's runs newest first, deliveries by run and by age);
 * several instances pruning at once only remove the same documents.
 */
@Component
class RunRetention implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(RunRetention.class);
  private static final List<RunStatus> FINAL =
      Arrays.stream(RunStatus.values()).filter(RunStatus::isFinal).toList();
  private static final int BATCH = 500;
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final ReactiveMongoTemplate mongo;
  private final Deliveries deliveries;
  private final RunChangeParts changeParts;
  private final RunHistoryProperties.Retention settings;
  private final Clock clock;

  RunRetention(
      ReactiveMongoTemplate mongo,
      Deliveries deliveries,
      RunChangeParts changeParts,
      RunHistoryProperties properties,
      Clock clock) {
    this.mongo = mongo;
    this.deliveries = deliveries;
    this.changeParts = changeParts;
    this.settings = properties.retention();
    this.clock = clock;
  }

  /** A pass every {@code retention.interval}, the first one interval after the start. */
  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    Duration interval = settings.interval();
    tasks.addFixedDelayTask(new FixedDelayTask(this::prune, interval, interval));
  }

  void prune() {
    try {
      Long removed = pruneOnce().block(TIMEOUT);
      if (removed != null && removed > 0) {
        log.info("Removed {} finished run(s) past the history's retention", removed);
      }
    } catch (RuntimeException e) {
      log.warn("Could not prune the run history: {}", e.toString());
    }
  }

  /** One pass; the runs removed. */
  Mono<Long> pruneOnce() {
    Instant now = clock.instant();
    return removeRuns(
            query(where("finishedAt").lt(now.minus(settings.maxAge())).and("status").in(FINAL)))
        .concatWith(crowdedPlans().concatMap(this::keepNewest))
        .reduce(0L, Long::sum)
        .flatMap(
            runs ->
                deliveries
                    .removeOlderThan(now.minus(settings.deliveriesMaxAge()))
                    .thenReturn(runs));
  }

  /** The plans with more runs than a plan keeps (finished or not: a cheap upper bound). */
  private Flux<String> crowdedPlans() {
    return mongo
        .aggregate(
            newAggregation(
                group("planId").count().as("runs"), match(where("runs").gt(settings.perPlan()))),
            RunDocument.class,
            Document.class)
        .map(plan -> plan.getString("_id"));
  }

  private Mono<Long> keepNewest(String planId) {
    return mongo
        .find(
            query(where("planId").is(planId).and("status").in(FINAL))
                .with(Sort.by(Sort.Direction.DESC, "requestedAt").and(Sort.by("runId")))
                .skip(settings.perPlan()),
            RunDocument.class)
        .map(RunDocument::runId)
        .buffer(BATCH)
        .concatMap(this::removeRunsById)
        .reduce(0L, Long::sum);
  }

  /** Removes the runs the query finds, batch by batch, with their deliveries. */
  private Mono<Long> removeRuns(Query query) {
    return mongo
        .find(Query.of(query).limit(BATCH), RunDocument.class)
        .map(RunDocument::runId)
        .collectList()
        .flatMap(
            runIds ->
                runIds.isEmpty()
                    ? Mono.just(0L)
                    : removeRunsById(runIds)
                        .flatMap(
                            removed ->
                                runIds.size() < BATCH
                                    ? Mono.just(removed)
                                    : removeRuns(query).map(more -> more + removed)));
  }

  private Mono<Long> removeRunsById(List<String> runIds) {
    return mongo
        .remove(query(where("_id").in(runIds)), RunDocument.class)
        .flatMap(
            removed ->
                deliveries
                    .removeOfRuns(runIds)
                    .then(changeParts.removeOfRuns(runIds))
                    .thenReturn(removed.getDeletedCount()));
  }
}
