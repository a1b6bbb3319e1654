package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.Topics;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Tells when the plan events that were on the topic when this replica took over have all been read.
 * Until then the stored schedules may be behind the plans (a pause not yet applied), so the firing
 * loop waits. A replica that finds no schedules stored at all reads the compacted topic from its
 * start, whatever offsets its group committed before.
 */
@Component
public class PlanEventsCatchUp implements ConsumerAwareRebalanceListener {

  private static final Logger log = LoggerFactory.getLogger(PlanEventsCatchUp.class);

  private final ScheduleHistory history;
  private volatile boolean fromBeginning;
  private volatile Map<TopicPartition, Long> targets;
  private volatile boolean caughtUp;

  PlanEventsCatchUp(ScheduleHistory history) {
    this.history = history;
  }

  /** Starts over: nothing read yet; {@code fromBeginning} to rebuild from the whole topic. */
  public void reset(boolean fromBeginning) {
    this.fromBeginning = fromBeginning;
    this.targets = null;
    this.caughtUp = false;
  }

  public boolean caughtUp() {
    return caughtUp;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    List<TopicPartition> planEvents =
        partitions.stream().filter(p -> p.topic().equals(Topics.PLAN_EVENTS)).toList();
    if (planEvents.isEmpty()) {
      return;
    }
    if (fromBeginning) {
      log.info("No schedules stored: rebuilding them from the start of {}", Topics.PLAN_EVENTS);
      consumer.seekToBeginning(planEvents);
      fromBeginning = false;
    }
    targets = consumer.endOffsets(planEvents);
    check(consumer);
  }

  /** Looks whether the consumer has reached the end offsets seen when it was assigned. */
  void check(Consumer<?, ?> consumer) {
    Map<TopicPartition, Long> ends = targets;
    if (caughtUp || ends == null) {
      return;
    }
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.assignment().contains(end.getKey())
          && consumer.position(end.getKey()) < end.getValue()) {
        return;
      }
    }
    caughtUp = true;
    history.forget();
    log.info("Plan events read up to where they were at takeover");
  }
}
