package io.syncplan.scheduler.run;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.scheduler.config.SchedulerKafkaConfig;
import io.syncplan.scheduler.fire.ChainFirer;
import io.syncplan.scheduler.schedule.ActivityWrites;
import io.syncplan.scheduler.schedule.EventBatches;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.RunActivity;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.scheduler.schedule.ScheduleStore;
import io.syncplan.scheduler.schedule.ScheduleStore.ActivityWrite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows the run events to know which plans have a run active, for the overlap policy. Runs only
 * on the replica that fires. A batch's changes are worked out on the plans' current activity,
 * written to MongoDB, and only then applied to the book, so a batch retried after a failed write
 * writes again. Only a change in which runs are active is written: the queued and started events of
 * a run the scheduler sent itself are no news. Finished runs then start the plans chained after
 * them ({@link ChainFirer}); a batch whose chained commands Kafka did not take is read again.
 */
@Component
class RunEventsListener {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final ScheduleBook book;
  private final ScheduleStore store;
  private final Clock clock;
  private final ActivityWrites activityWrites;
  private final ChainFirer chains;

  RunEventsListener(
      ScheduleBook book,
      ScheduleStore store,
      Clock clock,
      ActivityWrites activityWrites,
      ChainFirer chains) {
    this.book = book;
    this.store = store;
    this.clock = clock;
    this.activityWrites = activityWrites;
    this.chains = chains;
  }

  @KafkaListener(
      id = SchedulerKafkaConfig.RUN_EVENTS_LISTENER,
      topics = Topics.RUN_EVENTS,
      groupId = "${spring.application.name}.run-events",
      autoStartup = "false",
      containerFactory = SchedulerKafkaConfig.BATCH_LISTENER_FACTORY)
  void onRunEvents(List<ConsumerRecord<String, Envelope<Message>>> records) {
    Map<String, List<RunChange>> pending = new LinkedHashMap<>();
    List<RunFinished> finished = new ArrayList<>();
    EventBatches.walk(
        records,
        record -> {
          Message event = record.value() == null ? null : record.value().payload();
          RunChange change = event == null ? null : RunChange.of(event, clock.instant());
          if (change != null) {
            pending.computeIfAbsent(change.planId(), id -> new ArrayList<>()).add(change);
          }
          if (event instanceof RunFinished run) {
            finished.add(run);
          }
        },
        () -> save(pending, finished));
  }

  /**
   * Writes what the changes read so far change, then applies them to the book, then starts the
   * plans the finished runs start (which sees those runs' plans idle), and forgets them.
   */
  private void save(Map<String, List<RunChange>> pending, List<RunFinished> finished) {
    if (!pending.isEmpty()) {
      activityWrites.inTurn(() -> storeAndApply(pending));
      pending.clear();
    }
    if (!finished.isEmpty()) {
      chains.fire(finished);
      finished.clear();
    }
  }

  /** Within the activity writers' turn: MongoDB first, then the book. */
  private void storeAndApply(Map<String, List<RunChange>> pending) {
    List<ActivityWrite> writes = new ArrayList<>();
    pending.forEach(
        (planId, changes) -> {
          PlanSchedule plan = book.get(planId);
          if (plan != null) {
            ActivityWrite write = write(planId, plan.activity(), changes);
            if (write != null) {
              writes.add(write);
            }
          }
        });
    store.saveActivity(writes).block(WRITE_TIMEOUT);
    pending.forEach(
        (planId, changes) ->
            book.updateIfPresent(
                planId, plan -> plan.withActivity(RunChange.applyAll(plan.activity(), changes))));
  }

  /** What the changes make of the plan's stored activity, or null when nothing stored changes. */
  private static ActivityWrite write(String planId, RunActivity before, List<RunChange> changes) {
    RunActivity activity = before;
    Set<String> started = new LinkedHashSet<>();
    Set<String> finished = new LinkedHashSet<>();
    for (RunChange change : changes) {
      boolean was = activity.isRunning(change.runId());
      activity = change.applyTo(activity);
      if (!was && activity.isRunning(change.runId())) {
        started.add(change.runId());
      }
      if (change.kind() == RunChange.Kind.FINISHED) {
        started.remove(change.runId());
        finished.add(change.runId());
      }
    }
    if (started.isEmpty() && finished.isEmpty()) {
      return null;
    }
    return new ActivityWrite(planId, started, finished);
  }
}
