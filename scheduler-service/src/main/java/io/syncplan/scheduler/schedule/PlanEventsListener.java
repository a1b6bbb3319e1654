package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.plan.PlanChanged;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.schedule.FireSchedule;
import io.syncplan.contracts.schedule.FireTimes;
import io.syncplan.contracts.schedule.InvalidScheduleException;
import io.syncplan.scheduler.config.SchedulerKafkaConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Builds the schedules from the compacted plan events, in batches: a replica rebuilding from the
 * start of the topic stores a poll's worth of plans in one write. Runs only on the replica that
 * fires. Each batch is stored in MongoDB before it reaches the schedule book, so a command never
 * carries an older snapshot than the book's, and before its offsets are committed, so a replica
 * taking over continues exactly where the stored schedules end.
 */
@Component
class PlanEventsListener {

  private static final Logger log = LoggerFactory.getLogger(PlanEventsListener.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final ScheduleBook book;
  private final ScheduleStore store;
  private final PlanEventsCatchUp catchUp;
  private final ScheduleHistory history;
  private final Clock clock;

  PlanEventsListener(
      ScheduleBook book,
      ScheduleStore store,
      PlanEventsCatchUp catchUp,
      ScheduleHistory history,
      Clock clock) {
    this.book = book;
    this.store = store;
    this.catchUp = catchUp;
    this.history = history;
    this.clock = clock;
  }

  @KafkaListener(
      id = SchedulerKafkaConfig.PLAN_EVENTS_LISTENER,
      topics = Topics.PLAN_EVENTS,
      groupId = "${spring.application.name}.plan-events",
      autoStartup = "false",
      containerFactory = SchedulerKafkaConfig.BATCH_LISTENER_FACTORY)
  void onPlanEvents(
      List<ConsumerRecord<String, Envelope<Message>>> records, Consumer<?, ?> consumer) {
    Map<String, List<PlanChanges>> pending = new LinkedHashMap<>();
    EventBatches.walk(records, record -> read(record, pending), () -> save(pending));
    catchUp.check(consumer);
  }

  private void read(
      ConsumerRecord<String, Envelope<Message>> record, Map<String, List<PlanChanges>> pending) {
    if (record.value() == null) {
      pending.computeIfAbsent(record.key(), id -> new ArrayList<>()).add(PlanChanges.tombstone());
    } else if (record.value().payload() instanceof PlanChanged changed) {
      PlanSnapshot plan = changed.plan();
      pending
          .computeIfAbsent(plan.id(), id -> new ArrayList<>())
          .add(PlanChanges.of(changed, compile(plan)));
    }
  }

  private FireSchedule compile(PlanSnapshot plan) {
    if (plan.schedule() == null) {
      return null;
    }
    try {
      return FireTimes.compile(plan.schedule());
    } catch (InvalidScheduleException e) {
      log.warn(
          "Plan {} (version {}) will not run by itself: its {}",
          plan.id(),
          plan.version(),
          e.getMessage());
      return null;
    }
  }

  /** Stores the changes read so far, then applies them to the book, and forgets them. */
  private void save(Map<String, List<PlanChanges>> pending) {
    if (pending.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<ScheduleStore.PlanWrite> writes = new ArrayList<>();
    pending.forEach(
        (planId, changes) -> {
          PlanSchedule before = book.get(planId);
          PlanSchedule after = applyAll(planId, before, changes, now);
          if (after != null && after != before) {
            writes.add(new ScheduleStore.PlanWrite(after, snapshotOf(after, changes)));
          }
        });
    store.savePlans(writes).block(WRITE_TIMEOUT);
    // Applied to the book's current state, which the firing loop or the run events may have moved
    // on meanwhile: the plan fields come from the events, the rest stays as it is.
    pending.forEach(
        (planId, changes) ->
            book.update(planId, current -> applyAll(planId, current, changes, now)));
    if (log.isDebugEnabled()) {
      log.debug("Applied plan events for {} plans", pending.size());
    }
    pending.clear();
  }

  private static PlanSnapshot snapshotOf(PlanSchedule schedule, List<PlanChanges> changes) {
    if (schedule.deleted()) {
      return null;
    }
    return changes.stream()
        .map(PlanChanges::plan)
        .filter(plan -> plan != null && plan.version() == schedule.planVersion())
        .findFirst()
        .orElseThrow();
  }

  private PlanSchedule applyAll(
      String planId, PlanSchedule schedule, List<PlanChanges> changes, Instant now) {
    PlanSchedule result = schedule;
    for (PlanChanges change : changes) {
      result = change.applyTo(result, now, history.of(planId));
    }
    return result;
  }
}
