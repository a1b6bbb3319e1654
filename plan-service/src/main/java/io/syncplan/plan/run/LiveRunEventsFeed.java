package io.syncplan.plan.run;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands every run event to this instance's {@link RunEventHub}, as it happens. The run history is
 * kept by a consumer group whose members share the partitions, so each instance sees only some of
 * the events there; live viewers of any instance need all of them. This reader takes every
 * partition itself, without a group (nothing is committed, no group is left behind), from the end
 * of the topic: what happened before the instance started comes from the store.
 */
@Component
class LiveRunEventsFeed implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LiveRunEventsFeed.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration LOOK_FOR_PARTITIONS = Duration.ofSeconds(30);

  private final ConsumerFactory<Object, Object> consumers;
  private final RunEventHub hub;
  private volatile Thread thread;
  private volatile Consumer<Object, Object> consumer;
  private volatile boolean running;

  LiveRunEventsFeed(ConsumerFactory<Object, Object> consumers, RunEventHub hub) {
    this.consumers = consumers;
    this.hub = hub;
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::readUntilStopped, "live-run-events");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    Consumer<Object, Object> current = consumer;
    if (current != null) {
      current.wakeup();
    }
    Thread reader = thread;
    if (reader != null) {
      try {
        reader.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void readUntilStopped() {
    while (running) {
      try (Consumer<Object, Object> reader =
          consumers.createConsumer(null, null, "-live", settings())) {
        consumer = reader;
        read(reader);
      } catch (WakeupException e) {
        // stopping
      } catch (RuntimeException e) {
        log.warn("Live run events interrupted, reading again in a second: {}", e.toString());
        pause(Duration.ofSeconds(1));
      } finally {
        consumer = null;
      }
    }
  }

  private void read(Consumer<Object, Object> reader) {
    Set<TopicPartition> assigned = new HashSet<>();
    long lookedAt = 0;
    while (running) {
      if (assigned.isEmpty() || System.nanoTime() - lookedAt > LOOK_FOR_PARTITIONS.toNanos()) {
        lookedAt = System.nanoTime();
        Set<TopicPartition> partitions = partitions(reader);
        if (!partitions.equals(assigned)) {
          Set<TopicPartition> added = new HashSet<>(partitions);
          added.removeAll(assigned);
          reader.assign(partitions);
          // a partition newly seen is read from its start when the others already ran: its
          // events are new; at the first look, from the end (the store knows the past)
          if (assigned.isEmpty()) {
            reader.seekToEnd(partitions);
          } else {
            reader.seekToBeginning(added);
          }
          assigned = partitions;
        }
        if (assigned.isEmpty()) {
          pause(Duration.ofSeconds(1));
          continue;
        }
      }
      for (ConsumerRecord<Object, Object> record : reader.poll(POLL)) {
        if (record.value() instanceof Envelope<?> envelope
            && envelope.payload() instanceof Message) {
          @SuppressWarnings("unchecked")
          Envelope<Message> event = (Envelope<Message>) envelope;
          try {
            hub.apply(event);
          } catch (RuntimeException e) {
            log.warn("Run event {} not shown live: {}", envelope.eventId(), e.toString());
          }
        }
      }
    }
  }

  private static Set<TopicPartition> partitions(Consumer<Object, Object> reader) {
    List<PartitionInfo> infos = reader.partitionsFor(Topics.RUN_EVENTS, Duration.ofSeconds(10));
    Set<TopicPartition> partitions = new HashSet<>();
    if (infos != null) {
      infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
    }
    return partitions;
  }

  private static Properties settings() {
    Properties settings = new Properties();
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    return settings;
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
