package io.syncplan.scheduler.fire;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.contracts.schedule.ScheduleUpdated;
import io.syncplan.scheduler.fire.BatchSender.Outgoing;
import io.syncplan.scheduler.schedule.FireProgress;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.RunIds;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.scheduler.schedule.ScheduleStore;
import io.syncplan.support.CommandTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Fires a chunk of plans: reads their snapshots, sends each run command together with the plan's
 * new next fire time (one producer batch, so both cost one round trip), and records each plan whose
 * command Kafka took: in the book, then in one write to MongoDB.
 */
@Component
class ChunkFirer {

  private final ScheduleBook book;
  private final ScheduleStore store;
  private final BatchSender sender;
  private final CommandTopics commandTopics;
  private final ProgressWriter progress;
  private final SchedulerMetrics metrics;

  ChunkFirer(
      ScheduleBook book,
      ScheduleStore store,
      BatchSender sender,
      CommandTopics commandTopics,
      ProgressWriter progress,
      SchedulerMetrics metrics) {
    this.book = book;
    this.store = store;
    this.sender = sender;
    this.commandTopics = commandTopics;
    this.progress = progress;
    this.metrics = metrics;
  }

  /** A fire ready to go: its decision and command. */
  private record Ready(FireDecision decision, RunRequested command) {
    /** The plan's next fire time once this one is sent. */
    Instant nextFireAt() {
      return decision.nextFireAt();
    }
  }

  /** Fires the chunk; completes with how many commands Kafka did not take. */
  Mono<Integer> fire(List<FireDecision> chunk, Instant now) {
    return store
        .snapshots(chunk.stream().map(FireDecision::planId).toList())
        .flatMap(snapshots -> send(chunk, snapshots, now));
  }

  private Mono<Integer> send(
      List<FireDecision> chunk, Map<String, PlanSnapshot> snapshots, Instant now) {
    List<Ready> ready = new ArrayList<>();
    List<PlanSchedule> settled = new ArrayList<>();
    for (FireDecision fire : chunk) {
      PlanSnapshot plan = snapshots.get(fire.planId());
      if (plan == null || plan.paused()) {
        // Paused or deleted this very moment; its plan event is on the way to the book.
        settle(fire, settled);
      } else {
        ready.add(new Ready(fire, command(fire, plan)));
      }
    }
    return Flux.fromIterable(ready)
        .map(fire -> fire.command().plan().pool())
        .distinct()
        .flatMap(pool -> commandTopics.ensure(pool).map(topic -> Map.entry(pool, topic)))
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .flatMap(topics -> sendAndRecord(ready, settled, topics, now));
  }

  private Mono<Integer> sendAndRecord(
      List<Ready> ready, List<PlanSchedule> settled, Map<String, String> topics, Instant now) {
    List<Outgoing> messages = new ArrayList<>();
    for (Ready fire : ready) {
      messages.add(new Outgoing(topics.get(fire.command().plan().pool()), fire.command()));
    }
    for (Ready fire : ready) {
      messages.add(
          new Outgoing(
              Topics.SCHEDULE_EVENTS,
              new ScheduleUpdated(
                  fire.decision().planId(),
                  fire.decision().plan().planVersion(),
                  fire.nextFireAt(),
                  fire.decision().fireAt())));
    }
    return sender
        .send(messages)
        // Recording is quick, but not for the producer's network thread to do.
        .publishOn(Schedulers.boundedElastic())
        .flatMap(
            acks -> {
              Map<String, String> runIds = new HashMap<>();
              int failed = 0;
              for (int i = 0; i < ready.size(); i++) {
                Ready fire = ready.get(i);
                Instant commandAck = acks.get(i);
                if (commandAck == null) {
                  failed++;
                  continue;
                }
                boolean shown = acks.get(ready.size() + i) != null;
                PlanSchedule after = record(fire, shown, now);
                metrics.decided(fire.decision());
                metrics.fired(
                    fire.decision(), Duration.between(fire.decision().fireAt(), commandAck));
                if (after != null) {
                  settled.add(after);
                  runIds.put(after.planId(), fire.command().runId());
                }
              }
              metrics.failed(failed);
              return progress.save(settled, runIds).thenReturn(failed);
            });
  }

  private PlanSchedule record(Ready fire, boolean shown, Instant now) {
    FireDecision decision = fire.decision();
    String runId = fire.command().runId();
    return book.updateIfPresent(
        decision.planId(),
        plan -> {
          PlanSchedule after =
              plan.withProgress(decision.progress(), decision.plan(), decision.nextFireAt())
                  .withActivity(
                      decision.replacesStaleRuns()
                          ? plan.activity().replacedBy(runId, now)
                          : plan.activity().started(runId, now));
          return shown && Objects.equals(after.nextFireAt(), fire.nextFireAt())
              ? after.withPublished(fire.nextFireAt())
              : after;
        });
  }

  /** The fire does not go (its plan was paused a moment ago); its time counts as dealt with. */
  private void settle(FireDecision fire, List<PlanSchedule> settled) {
    FireProgress kept =
        new FireProgress(fire.progress().doneThrough(), fire.plan().progress().lastFiredAt(), null);
    PlanSchedule after = book.updateIfPresent(fire.planId(), plan -> plan.withProgress(kept));
    if (after != null) {
      settled.add(after);
    }
  }

  private static RunRequested command(FireDecision fire, PlanSnapshot plan) {
    return new RunRequested(
        RunIds.scheduled(plan.id(), fire.fireAt()),
        RunTrigger.SCHEDULE,
        fire.fireAt(),
        plan.priority(),
        false,
        plan);
  }
}
