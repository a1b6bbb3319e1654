package io.syncplan.testsupport;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.EnvelopeDeserializer;
import io.syncplan.contracts.message.EnvelopeSerializer;
import io.syncplan.contracts.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Reads topics the way an outside subscriber would, from their beginning, and keeps every envelope
 * it sees so a test can wait for and assert on them. Also sends envelopes, as a service would.
 */
public final class KafkaRecorder implements AutoCloseable {

  private final String bootstrapServers;
  private final List<ConsumerRecord<String, Envelope<Message>>> records =
      new CopyOnWriteArrayList<>();
  private final KafkaConsumer<String, Envelope<Message>> consumer;
  private final Thread poller;
  private volatile boolean running = true;

  private KafkaRecorder(String bootstrapServers, List<String> topics) {
    this.bootstrapServers = bootstrapServers;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-recorder-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                // A topic created after the recorder subscribed (a pool's command topic, made on
                // its first command) is seen within a second, not after the default five minutes.
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                "1000"),
            new StringDeserializer(),
            new EnvelopeDeserializer());
    consumer.subscribe(topics);
    poller = new Thread(this::poll, "kafka-recorder");
    poller.setDaemon(true);
    poller.start();
  }

  /** Starts recording the given topics from their beginning. */
  public static KafkaRecorder record(String bootstrapServers, String... topics) {
    return new KafkaRecorder(bootstrapServers, List.of(topics));
  }

  private void poll() {
    try {
      while (running) {
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  /** Every envelope seen so far, in the order it was read. */
  public List<Envelope<Message>> envelopes() {
    List<Envelope<Message>> all = new ArrayList<>();
    for (ConsumerRecord<String, Envelope<Message>> record : records) {
      if (record.value() != null) {
        all.add(record.value());
      }
    }
    return all;
  }

  /** Every record seen so far, tombstones included. */
  public List<ConsumerRecord<String, Envelope<Message>>> records() {
    return List.copyOf(records);
  }

  public List<Envelope<Message>> envelopes(Predicate<Envelope<Message>> filter) {
    return envelopes().stream().filter(filter).toList();
  }

  /** Waits until at least {@code count} envelopes match and returns all that match. */
  public List<Envelope<Message>> awaitEnvelopes(
      Predicate<Envelope<Message>> filter, int count, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> envelopes(filter).size() >= count);
    return envelopes(filter);
  }

  public Envelope<Message> awaitEnvelope(Predicate<Envelope<Message>> filter, Duration timeout) {
    return awaitEnvelopes(filter, 1, timeout).get(0);
  }

  /** Sends an envelope keyed by its plan id and waits for the broker's acknowledgement. */
  public void send(String topic, Envelope<? extends Message> envelope) {
    try (KafkaProducer<String, Envelope<?>> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(),
            new EnvelopeSerializer())) {
      producer.send(new ProducerRecord<>(topic, envelope.planId(), envelope)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send to " + topic, e);
    }
  }

  /** Sends raw bytes, for tests of what a consumer does with a malformed record. */
  public void sendRaw(String topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send to " + topic, e);
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
