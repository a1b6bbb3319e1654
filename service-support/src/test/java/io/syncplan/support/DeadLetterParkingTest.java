package io.syncplan.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.EnvelopeSerializer;
import io.syncplan.contracts.schedule.ScheduleUpdated;
import io.syncplan.embedded.KafkaBroker;
import io.syncplan.support.SupportTestApplication.Listeners;
import io.syncplan.support.SupportTestApplication.Seen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * Against a broker that creates no topic by itself, as production clusters are often set up: the
 * shared topics and their dead-letter topics exist because the services declare them, and a record
 * that cannot be read is parked on its dead-letter topic while the records after it are handled.
 */
@SupportTest
class DeadLetterParkingTest {

  private static final byte[] POISON = "{not an envelope".getBytes(StandardCharsets.UTF_8);

  private static Path logDir;
  private static KafkaBroker strictBroker;

  @Autowired Listeners listeners;

  @DynamicPropertySource
  static void strictKafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", () -> strictBroker().bootstrapServers());
  }

  private static synchronized KafkaBroker strictBroker() {
    if (strictBroker == null) {
      try {
        logDir = Files.createTempDirectory("syncplan-strict-kafka");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      strictBroker =
          KafkaBroker.start(logDir, "127.0.0.1", 0, Map.of("auto.create.topics.enable", "false"));
    }
    return strictBroker;
  }

  /** Closes the broker when the service's context closes, after its consumers stopped. */
  @TestConfiguration(proxyBeanMethods = false)
  static class StrictBrokerLifecycle {
    @Bean
    DisposableBean strictBrokerCloser() {
      return () -> {
        strictBroker.close();
        FileSystemUtils.deleteRecursively(logDir.toFile());
      };
    }
  }

  @Test
  void everySharedTopicHasItsDeadLetterTopicWithoutAutoCreation() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, strictBroker.bootstrapServers()))) {
      List<String> shared =
          List.of(
              Topics.PLAN_EVENTS,
              Topics.RUN_EVENTS,
              Topics.EXECUTOR_RESULTS,
              Topics.SCHEDULE_EVENTS,
              Topics.NOTIFICATION_COMMANDS,
              Topics.NOTIFICATION_EVENTS);
      List<String> expected = new ArrayList<>(shared);
      shared.forEach(topic -> expected.add(Topics.deadLetter(topic)));
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(expected);
    }
  }

  @Test
  void aPoisonRecordIsParkedOnItsDeadLetterTopicWhileThePartitionGoesOn() throws Exception {
    String topic = SupportTestApplication.RECORD_TOPIC;
    byte[] valid =
        new EnvelopeSerializer()
            .serialize(
                topic,
                Envelope.wrap(
                    new ScheduleUpdated("plan-1", 1, null, null),
                    "parking-test",
                    Clock.systemUTC()));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, strictBroker.bootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, "plan-1", POISON)).get();
      producer.send(new ProducerRecord<>(topic, "plan-1", valid)).get();
    }

    Seen handled = listeners.seen.poll(60, TimeUnit.SECONDS);
    assertThat(handled).as("the record after the poison one was handled").isNotNull();
    assertThat(handled.types()).containsExactly("schedule.updated");

    try (KafkaConsumer<String, byte[]> deadLetters =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, strictBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "parking-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      deadLetters.subscribe(List.of(Topics.deadLetter(topic)));
      List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                deadLetters.poll(Duration.ofMillis(500)).forEach(parked::add);
                return !parked.isEmpty();
              });
      assertThat(parked)
          .singleElement()
          .satisfies(
              record -> {
                assertThat(record.key()).isEqualTo("plan-1");
                assertThat(new String(record.value(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(POISON, StandardCharsets.UTF_8));
              });
    }
  }
}
