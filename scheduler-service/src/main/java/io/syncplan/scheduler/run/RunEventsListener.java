package io.syncplan.scheduler.run;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.scheduler.config.SchedulerKafkaConfig;
import io.syncplan.scheduler.schedule.EventBatches;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.RunActivity;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.scheduler.schedule.ScheduleStore;
import io.syncplan.scheduler.schedule.ScheduleStore.ActivityWrite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * on the replica that fires. Only a change in which runs are active is written to MongoDB (a run
 * finishing, or starting without its command coming from this scheduler); the queued and started
 * events of a run the scheduler sent are no news.
 */
@Component
class RunEventsListener {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final ScheduleBook book;
  private final ScheduleStore store;
  private final Clock clock;

  RunEventsListener(ScheduleBook book, ScheduleStore store, Clock clock) {
    this.book = book;
    this.store = store;
    this.clock = clock;
  }

  /** The runs of a plan that started and finished within one batch. */
  private record Changes(Set<String> started, Set<String> finished) {
    Changes() {
      this(new LinkedHashSet<>(), new LinkedHashSet<>());
    }
  }

  @KafkaListener(
      id = SchedulerKafkaConfig.RUN_EVENTS_LISTENER,
      topics = Topics.RUN_EVENTS,
      groupId = "${spring.application.name}.run-events",
      autoStartup = "false",
      containerFactory = SchedulerKafkaConfig.BATCH_LISTENER_FACTORY)
  void onRunEvents(List<ConsumerRecord<String, Envelope<Message>>> records) {
    Map<String, Changes> changes = new LinkedHashMap<>();
    EventBatches.walk(records, record -> apply(record, changes), () -> save(changes));
  }

  private void apply(
      ConsumerRecord<String, Envelope<Message>> record, Map<String, Changes> changes) {
    if (record.value() == null) {
      return;
    }
    Instant now = clock.instant();
    Message event = record.value().payload();
    if (event instanceof RunQueued queued) {
      started(queued.planId(), queued.runId(), true, now, changes);
    } else if (event instanceof RunStarted started) {
      started(started.planId(), started.runId(), false, now, changes);
    } else if (event instanceof RunRetrying retrying) {
      started(retrying.planId(), retrying.runId(), false, now, changes);
    } else if (event instanceof RunProgress progress) {
      book.updateIfPresent(
          progress.planId(),
          plan -> plan.withActivity(plan.activity().seen(progress.runId(), now)));
    } else if (event instanceof RunFinished finished) {
      PlanSchedule after =
          book.updateIfPresent(
              finished.planId(),
              plan -> plan.withActivity(plan.activity().finished(finished.runId())));
      if (after != null) {
        changes
            .computeIfAbsent(finished.planId(), id -> new Changes())
            .finished()
            .add(finished.runId());
      }
    }
  }

  /**
   * A run is active. Its queued event is always stored (a batch retried after a failed write must
   * not skip it); later events only when they tell something new.
   */
  private void started(
      String planId, String runId, boolean queued, Instant now, Map<String, Changes> changes) {
    PlanSchedule before = book.get(planId);
    if (before == null) {
      return;
    }
    boolean known = before.activity().active().contains(runId);
    PlanSchedule after =
        book.updateIfPresent(
            planId, plan -> plan.withActivity(plan.activity().started(runId, now)));
    if ((queued || !known) && after != null && after.activity().active().contains(runId)) {
      changes.computeIfAbsent(planId, id -> new Changes()).started().add(runId);
    }
  }

  /** Writes the batch's changes; the book already has them. */
  private void save(Map<String, Changes> changes) {
    if (changes.isEmpty()) {
      return;
    }
    List<ActivityWrite> writes = new ArrayList<>();
    changes.forEach(
        (planId, change) -> {
          PlanSchedule plan = book.get(planId);
          RunActivity activity = plan == null ? RunActivity.NONE : plan.activity();
          Set<String> started = new LinkedHashSet<>(change.started());
          started.retainAll(activity.active());
          writes.add(new ActivityWrite(planId, started, change.finished(), activity.finished()));
        });
    store.saveActivity(writes).block(WRITE_TIMEOUT);
    changes.clear();
  }
}
