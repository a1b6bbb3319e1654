package io.syncplan.executor.bench;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.EnvelopeDeserializer;
import io.syncplan.contracts.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics as an outside subscriber would and notes, for each record, the moment (nanoTime) it
 * arrived here, so that a benchmark measures up to the event's delivery and no polling interval
 * adds to it.
 */
final class RunEventsSubscriber implements AutoCloseable {

  /** A record as it arrived. */
  record Arrival(ConsumerRecord<String, Envelope<Message>> record, long arrivedNanos) {
    Envelope<Message> envelope() {
      return record.value();
    }
  }

  private final KafkaConsumer<String, Envelope<Message>> consumer;
  private final Map<String, CompletableFuture<Arrival>> waiting = new ConcurrentHashMap<>();
  private final Map<String, Arrival> arrived = new ConcurrentHashMap<>();
  private final Thread poller;
  private volatile boolean running = true;

  RunEventsSubscriber(String bootstrapServers, List<String> topics) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10"),
            new StringDeserializer(),
            new EnvelopeDeserializer());
    consumer.subscribe(topics);
    poller = new Thread(this::poll, "bench-subscriber");
    poller.setDaemon(true);
    poller.start();
  }

  /** Blocks until the subscription has its partitions, so no record sent after is missed. */
  void awaitAssignment() {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (this) {
        if (!assigned) {
          try {
            wait(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        } else {
          return;
        }
      }
    }
    throw new IllegalStateException("the subscriber got no partitions");
  }

  private boolean assigned;

  private void poll() {
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(50));
        long now = System.nanoTime();
        if (!consumer.assignment().isEmpty()) {
          synchronized (this) {
            assigned = true;
            notifyAll();
          }
        }
        for (ConsumerRecord<String, Envelope<Message>> record : records) {
          if (record.value() == null || record.value().runId() == null) {
            continue;
          }
          String key = key(record.value().runId(), record.value().type());
          Arrival arrival = new Arrival(record, now);
          arrived.putIfAbsent(key, arrival);
          waiting.computeIfAbsent(key, k -> new CompletableFuture<>()).complete(arrival);
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** The first record of this type for this run, waiting for it if need be. */
  Arrival await(String runId, String type, Duration timeout) {
    try {
      return waiting
          .computeIfAbsent(key(runId, type), k -> new CompletableFuture<>())
          .get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no " + type + " for run " + runId, e);
    }
  }

  /** The first outcome of the run, whichever it is. */
  Arrival awaitOutcome(String runId, Duration timeout) {
    CompletableFuture<Arrival> any =
        CompletableFuture.anyOf(
                waiting.computeIfAbsent(
                    key(runId, "run.succeeded"), k -> new CompletableFuture<>()),
                waiting.computeIfAbsent(key(runId, "run.partial"), k -> new CompletableFuture<>()),
                waiting.computeIfAbsent(key(runId, "run.failed"), k -> new CompletableFuture<>()),
                waiting.computeIfAbsent(
                    key(runId, "run.cancelled"), k -> new CompletableFuture<>()))
            .thenApply(Arrival.class::cast);
    try {
      return any.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("no outcome for run " + runId, e);
    }
  }

  /** True once the run's outcome arrived. */
  boolean isDone(String runId) {
    return List.of("run.succeeded", "run.partial", "run.failed", "run.cancelled").stream()
        .anyMatch(type -> arrived.containsKey(key(runId, type)));
  }

  private static String key(String runId, String type) {
    return runId + "|" + type;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}
