package io.syncplan.scheduler.schedule;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.schedule.ScheduleUpdated;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * How far each plan's schedule had got, as published on the compacted schedule-events topic. A
 * replica rebuilding the schedules with no stored ones (a new database) starts each plan from here,
 * so it neither repeats fires the previous scheduler sent nor makes them up again.
 */
@Component
public class ScheduleHistory {

  private static final Logger log = LoggerFactory.getLogger(ScheduleHistory.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final ConsumerFactory<Object, Object> consumers;
  private volatile Map<String, FireProgress> progress = Map.of();

  ScheduleHistory(ConsumerFactory<Object, Object> consumers) {
    this.consumers = consumers;
  }

  /** Reads the whole topic; until {@link #forget()}, {@link #of} answers from it. */
  public void read(Duration timeout) {
    Map<String, FireProgress> read = new HashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Consumer<Object, Object> consumer =
        consumers.createConsumer("scheduler-history-" + UUID.randomUUID(), null)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.SCHEDULE_EVENTS).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (!reached(consumer, ends)) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(
              "could not read " + Topics.SCHEDULE_EVENTS + " within " + timeout);
        }
        for (ConsumerRecord<Object, Object> record : consumer.poll(POLL)) {
          remember(record, read);
        }
      }
    }
    progress = read;
    log.info(
        "Read the published progress of {} plans from {}", read.size(), Topics.SCHEDULE_EVENTS);
  }

  private static boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream()
        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  private static void remember(
      ConsumerRecord<Object, Object> record, Map<String, FireProgress> read) {
    if (record.value() == null) {
      read.remove(String.valueOf(record.key()));
    } else if (record.value() instanceof Envelope<?> envelope
        && envelope.payload() instanceof ScheduleUpdated updated) {
      read.put(updated.planId(), progressOf(updated));
    }
  }

  /**
   * Everything before the published next fire time was dealt with; with none published, everything
   * up to the last fire.
   */
  private static FireProgress progressOf(ScheduleUpdated updated) {
    Instant next = updated.nextFireAt();
    Instant done = next != null ? next.minusMillis(1) : updated.lastFiredAt();
    return new FireProgress(done, updated.lastFiredAt(), null);
  }

  /** The published progress of a plan, or none. */
  FireProgress of(String planId) {
    return progress.getOrDefault(planId, FireProgress.NONE);
  }

  public void forget() {
    progress = Map.of();
  }
}
