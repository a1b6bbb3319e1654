package io.syncplan.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncplan.contracts.Topics;
import io.syncplan.testsupport.TestInfrastructure;
import io.syncplan.testsupport.WithKafkaAndMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A new pool's first commands are taken at once: sent the moment {@link CommandTopics#ensure}
 * returns, by an idempotent producer with several requests in flight (as plan-service's and the
 * scheduler's), every record is acknowledged, none waits for the delivery timeout.
 *
 * <p>The race it guards against (a produce reaching a partition before its broker has applied the
 * creation, KAFKA-15591) showed on a busy stack, a new pool's first command held back for two
 * minutes; on this test's idle broker it rarely shows, so this passes most of the time without
 * {@code CommandTopics}' wait too. It fails whenever a record of a new topic is not taken.
 */
@WithKafkaAndMongo
class CommandTopicsTest {

  private static final int PARTITIONS = 6;
  private static final int RECORDS_PER_PARTITION = 20;

  @Test
  void theFirstCommandsToANewPoolAreTakenAtOnce(TestInfrastructure infrastructure)
      throws Exception {
    KafkaAdmin admin =
        new KafkaAdmin(Map.of("bootstrap.servers", infrastructure.bootstrapServers()));
    CommandTopics topics =
        new CommandTopics(
            admin, new SyncplanKafkaProperties(PARTITIONS, (short) 1, Duration.ofSeconds(2)));
    try (KafkaProducer<String, String> producer = producer(infrastructure)) {
      for (int pool = 0; pool < 3; pool++) {
        String topic = topics.ensure("fresh-" + UUID.randomUUID()).block(Duration.ofSeconds(40));
        assertThat(topic).startsWith(Topics.commands("fresh-"));
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
          for (int partition = 0; partition < PARTITIONS; partition++) {
            acks.add(producer.send(new ProducerRecord<>(topic, partition, "plan", "run-" + i)));
          }
        }
        for (Future<RecordMetadata> ack : acks) {
          // Throws on an expired record: the delivery timeout is 10 s, far below the default 120 s.
          assertThat(ack.get(15, TimeUnit.SECONDS).hasOffset()).isTrue();
        }
      }
    }
  }

  private static KafkaProducer<String, String> producer(TestInfrastructure infrastructure) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000),
        new StringSerializer(),
        new StringSerializer());
  }
}
