package io.syncplan.scheduler.fire;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunTrigger;
import io.syncplan.scheduler.config.SchedulerProperties;
import io.syncplan.scheduler.fire.BatchSender.Outgoing;
import io.syncplan.scheduler.schedule.FireProgress;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.RunIds;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.scheduler.schedule.ScheduleStore;
import io.syncplan.support.CommandTopics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fires one batch of due plans: decides each (catch-up, overlap), reads the snapshots of those that
 * fire, sends all their run commands at once, then records the progress in the book and in MongoDB.
 * A plan moves on only once its command is on Kafka, so a fire is never lost; a fire sent twice (a
 * replica died before recording it) carries the same run id and runs once.
 */
@Component
public class DueScheduleFirer {

  private static final Logger log = LoggerFactory.getLogger(DueScheduleFirer.class);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final ScheduleBook book;
  private final ScheduleStore store;
  private final FirePlanner planner;
  private final BatchSender sender;
  private final CommandTopics commandTopics;
  private final SchedulerMetrics metrics;
  private final SchedulerProperties properties;
  private final Clock clock;
  private final Set<String> unsaved = new LinkedHashSet<>();

  DueScheduleFirer(
      ScheduleBook book,
      ScheduleStore store,
      FirePlanner planner,
      BatchSender sender,
      CommandTopics commandTopics,
      SchedulerMetrics metrics,
      SchedulerProperties properties,
      Clock clock) {
    this.book = book;
    this.store = store;
    this.planner = planner;
    this.sender = sender;
    this.commandTopics = commandTopics;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  /** The outcome of one batch. */
  public record Batch(int due, int failed) {
    public boolean full(int batchSize) {
      return due >= batchSize;
    }
  }

  /** Fires up to one batch of the plans due now. */
  public Batch fireDue() {
    Instant now = clock.instant();
    List<PlanSchedule> due = book.due(now, properties.batchSize());
    if (due.isEmpty()) {
      saveUnsaved();
      return new Batch(0, 0);
    }
    List<FireDecision> decisions = due.stream().map(plan -> planner.decide(plan, now)).toList();
    List<FireDecision> fires = decisions.stream().filter(FireDecision::fires).toList();
    Map<String, PlanSnapshot> snapshots =
        store.snapshots(fires.stream().map(FireDecision::planId).toList()).block(READ_TIMEOUT);

    List<FireDecision> sending = new ArrayList<>();
    List<Outgoing> commands = new ArrayList<>();
    Set<String> dropped = new LinkedHashSet<>();
    for (FireDecision fire : fires) {
      PlanSnapshot plan = snapshots.get(fire.planId());
      if (plan == null || plan.paused()) {
        // Paused or deleted this very moment; the plan event is on its way to the book.
        dropped.add(fire.planId());
        continue;
      }
      sending.add(fire);
      commands.add(
          new Outgoing(commandTopics.ensure(plan.pool()).block(READ_TIMEOUT), command(fire, plan)));
    }
    List<Instant> acked = sender.send(commands);

    Map<String, String> sentRunIds = new HashMap<>();
    Map<String, FireDecision> sent = new HashMap<>();
    int failed = 0;
    for (int i = 0; i < sending.size(); i++) {
      FireDecision fire = sending.get(i);
      Instant ack = acked.get(i);
      if (ack == null) {
        failed++;
        continue;
      }
      sent.put(fire.planId(), fire);
      sentRunIds.put(fire.planId(), RunIds.scheduled(fire.planId(), fire.fireAt()));
      metrics.fired(fire, Duration.between(fire.fireAt(), ack));
    }
    metrics.failed(failed);

    List<PlanSchedule> changed = new ArrayList<>();
    for (FireDecision decided : decisions) {
      FireDecision decision = dropped.contains(decided.planId()) ? withoutFire(decided) : decided;
      if (decision.fires() && !sent.containsKey(decision.planId())) {
        continue;
      }
      metrics.decided(decision);
      String runId = sentRunIds.get(decision.planId());
      PlanSchedule after =
          book.updateIfPresent(decision.planId(), plan -> record(plan, decision, runId, now));
      if (after != null) {
        changed.add(after);
      }
      if (decision.fires()) {
        log.debug(
            "Plan {} fired for {} ({})", decision.planId(), decision.fireAt(), decision.kind());
      }
    }
    save(changed, sentRunIds);
    return new Batch(due.size(), failed);
  }

  private static FireDecision withoutFire(FireDecision decision) {
    return new FireDecision(
        decision.plan(),
        null,
        null,
        new FireProgress(
            decision.progress().doneThrough(), decision.plan().progress().lastFiredAt(), null),
        false,
        decision.missed(),
        0,
        false,
        false);
  }

  private static PlanSchedule record(
      PlanSchedule plan, FireDecision decision, String runId, Instant now) {
    PlanSchedule progressed = plan.withProgress(decision.progress());
    if (runId == null) {
      return progressed;
    }
    return progressed.withActivity(
        decision.replacesStaleRuns()
            ? plan.activity().replacedBy(runId, now)
            : plan.activity().started(runId, now));
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

  private void save(List<PlanSchedule> changed, Map<String, String> sentRunIds) {
    try {
      store.saveProgress(changed, sentRunIds).block(READ_TIMEOUT);
    } catch (RuntimeException e) {
      // The book is right and the commands are out; a replica taking over before this is saved
      // sends them again under the same run ids.
      log.warn(
          "Could not store the progress of {} plans, will retry: {}", changed.size(), e.toString());
      changed.forEach(plan -> unsaved.add(plan.planId()));
    }
  }

  /** Forgets progress still to be stored (this replica no longer fires). */
  public void reset() {
    unsaved.clear();
  }

  private void saveUnsaved() {
    if (unsaved.isEmpty()) {
      return;
    }
    List<PlanSchedule> retry = new ArrayList<>();
    for (String planId : List.copyOf(unsaved)) {
      PlanSchedule plan = book.get(planId);
      if (plan != null) {
        retry.add(plan);
      }
    }
    try {
      store.saveProgress(retry, Map.of()).block(READ_TIMEOUT);
      unsaved.clear();
    } catch (RuntimeException e) {
      log.warn("Still cannot store the progress of {} plans: {}", retry.size(), e.toString());
    }
  }
}
