package io.syncplan.scheduler.fire;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.schedule.ScheduleUpdated;
import io.syncplan.scheduler.config.SchedulerProperties;
import io.syncplan.scheduler.fire.BatchSender.Outgoing;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.scheduler.schedule.ScheduleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Publishes {@link ScheduleUpdated} on the compacted schedule-events topic whenever a plan's next
 * fire time changes (null once it is paused, deleted or has no schedule), so the plan API can show
 * it. Only the firing replica publishes, from its firing loop, so the updates of a plan are in
 * order. What was published is stored, so a replica taking over publishes only what is missing.
 */
@Component
public class ScheduleUpdatesPublisher {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final ScheduleBook book;
  private final ScheduleStore store;
  private final BatchSender sender;
  private final int batchSize;
  private final Duration sendTimeout;

  ScheduleUpdatesPublisher(
      ScheduleBook book, ScheduleStore store, BatchSender sender, SchedulerProperties properties) {
    this.book = book;
    this.store = store;
    this.sender = sender;
    this.batchSize = properties.batchSize();
    this.sendTimeout = properties.sendTimeout().plusSeconds(10);
  }

  /** Publishes up to one batch of pending updates; returns how many Kafka took. */
  public int publishPending() {
    List<PlanSchedule> pending = book.unpublished(batchSize);
    if (pending.isEmpty()) {
      return 0;
    }
    List<Outgoing> updates = new ArrayList<>();
    for (PlanSchedule plan : pending) {
      updates.add(
          new Outgoing(
              Topics.SCHEDULE_EVENTS,
              new ScheduleUpdated(
                  plan.planId(),
                  plan.planVersion(),
                  plan.nextFireAt(),
                  plan.progress().lastFiredAt())));
    }
    List<Instant> acked = sender.send(updates).block(sendTimeout);
    List<PlanSchedule> published = new ArrayList<>();
    List<String> forgotten = new ArrayList<>();
    for (int i = 0; i < pending.size(); i++) {
      if (acked.get(i) == null) {
        continue;
      }
      PlanSchedule sent = pending.get(i);
      PlanSchedule after =
          book.updateIfPresent(
              sent.planId(),
              plan ->
                  sent.deleted() && plan.deleted() ? null : plan.withPublished(sent.nextFireAt()));
      if (after == null) {
        forgotten.add(sent.planId());
      } else {
        published.add(after);
      }
    }
    store.savePublished(published).then(store.remove(forgotten)).block(WRITE_TIMEOUT);
    return published.size() + forgotten.size();
  }
}
