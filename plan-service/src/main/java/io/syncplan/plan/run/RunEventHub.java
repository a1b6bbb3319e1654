package io.syncplan.plan.run;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.plan.config.OnePassAtATime;
import io.syncplan.plan.config.PlanApiProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * This instance's live view of the runs in progress, and the one place its live streams get run
 * changes from: every run event (all of them, see {@link LiveRunEventsFeed}) is applied here in
 * memory and handed to every stream that wants it, so a thousand viewers cost no more store queries
 * than one. The view starts from the store and is compared with it every {@code live-run-resync},
 * which heals an event this instance did not see (it was not running, say).
 */
@Component
class RunEventHub implements SchedulingConfigurer {

  /** How many changes a slow viewer may fall behind by before it misses the oldest. */
  private static final int VIEWER_BUFFER = 256;

  /** How long a run the store does not know is kept in view since it was last heard of. */
  static final Duration ABSENT_GRACE = Duration.ofMinutes(1);

  private final ReactiveMongoTemplate mongo;
  private final Clock clock;
  private final Duration resyncEvery;
  private final OnePassAtATime resyncs = new OnePassAtATime("Live runs' comparison with the store");
  private final Map<String, RunDocument> active = new ConcurrentHashMap<>();
  private final Sinks.Many<RunUpdate> updates = Sinks.many().multicast().directBestEffort();

  RunEventHub(ReactiveMongoTemplate mongo, Clock clock, PlanApiProperties properties) {
    this.mongo = mongo;
    this.clock = clock;
    this.resyncEvery = properties.liveRunResync();
  }

  /**
   * Applies a run event and tells the viewers; events of runs not known and not new are dropped.
   */
  void apply(Envelope<Message> envelope) {
    String runId = envelope.payload().runId();
    if (runId == null) {
      return;
    }
    synchronized (this) {
      RunDocument previous = active.get(runId);
      RunDocument next = RunEventFold.apply(previous, envelope);
      if (next != null && RunUpdate.isNews(previous, next)) {
        keep(next);
        updates.tryEmitNext(RunUpdate.between(previous, next));
      }
    }
  }

  /**
   * Takes a run as read from the store (when a viewer starts following it) and answers it merged
   * with what this instance saw since.
   */
  RunDocument seed(RunDocument stored) {
    synchronized (this) {
      RunDocument previous = active.get(stored.runId());
      RunDocument merged = RunEventFold.merge(previous, stored);
      if (previous != null && RunUpdate.isNews(previous, merged)) {
        keep(merged);
        updates.tryEmitNext(RunUpdate.between(previous, merged));
      } else if (previous == null) {
        keep(merged);
      }
      return merged;
    }
  }

  /** The runs in progress this instance knows, newest first. */
  public List<RunResponse> active() {
    return active.values().stream()
        .sorted(
            Comparator.comparing(
                    RunDocument::requestedAt,
                    Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                .reversed())
        .map(RunResponse::of)
        .toList();
  }

  /** Changes from now on; a viewer more than a few hundred behind misses the oldest. */
  public Flux<RunUpdate> updates() {
    return updates.asFlux().onBackpressureBuffer(VIEWER_BUFFER, BufferOverflowStrategy.DROP_OLDEST);
  }

  private void keep(RunDocument run) {
    if (run.status().isFinal()) {
      active.remove(run.runId());
    } else {
      active.put(run.runId(), run);
    }
  }

  /** A comparison every {@code live-run-resync}, the first one at the start. */
  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::resync, resyncEvery, Duration.ZERO));
  }

  /**
   * Compares the view with the store: takes what the store knows better, and for a run this
   * instance thinks active but the store does not, reads it to tell the viewers how it ended. A run
   * the store does not have at all is forgotten only once nothing was heard of it for {@link
   * #ABSENT_GRACE}: the live feed reads the events as they come, while the history's consumer group
   * may be seconds behind (a rebalance as instances come and go, a broker restart), and a run
   * dropped meanwhile would show as new again at its next change.
   */
  void resync() {
    resyncs.start(this::resyncOnce);
  }

  /** One comparison with the store, complete when it is done. */
  Mono<Void> resyncOnce() {
    return Mono.defer(() -> compareWithStore(clock.instant()));
  }

  private Mono<Void> compareWithStore(Instant started) {
    Set<String> seen = new HashSet<>();
    return mongo
        .find(query(where("status").in(RunService.ACTIVE)), RunDocument.class)
        .doOnNext(
            run -> {
              seen.add(run.runId());
              seed(run);
            })
        .thenMany(
            Flux.defer(
                () ->
                    Flux.fromIterable(
                        active.values().stream()
                            .filter(run -> !seen.contains(run.runId()))
                            .filter(
                                run -> run.updatedAt() == null || run.updatedAt().isBefore(started))
                            .map(RunDocument::runId)
                            .toList())))
        .concatMap(
            runId ->
                mongo
                    .findById(runId, RunDocument.class)
                    .doOnNext(this::seed)
                    .switchIfEmpty(Mono.fromRunnable(() -> forgetIfLongUnheard(runId, started))))
        .then();
  }

  private void forgetIfLongUnheard(String runId, Instant now) {
    synchronized (this) {
      RunDocument run = active.get(runId);
      if (run != null
          && (run.updatedAt() == null || run.updatedAt().isBefore(now.minus(ABSENT_GRACE)))) {
        active.remove(runId);
      }
    }
  }
}
