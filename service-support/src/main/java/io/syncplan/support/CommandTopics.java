package io.syncplan.support;

import io.syncplan.contracts.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Makes sure the command topic of an executor pool exists before the first command is sent to it or
 * the first executor of the pool listens, so that no cluster needs topic auto-creation.
 *
 * <p>It also waits until the brokers serve the new topic (every partition has a leader in their
 * metadata). A produce that reaches a partition before its broker has applied the creation fails
 * with a retriable {@code NOT_LEADER_OR_FOLLOWER}; an idempotent producer with more requests in
 * flight can then see a later request appended first, and the retries of the earlier one fail with
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until the producer's delivery timeout expires it
 * (KAFKA-15591, fixed in brokers from Kafka 4.5). That held a new pool's first commands back for
 * two minutes here.
 */
public class CommandTopics {

  private static final Duration SERVED_WITHIN = Duration.ofSeconds(20);
  private static final Duration SERVED_POLL = Duration.ofMillis(50);

  private final KafkaAdmin admin;
  private final SyncplanKafkaProperties properties;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  public CommandTopics(KafkaAdmin admin, SyncplanKafkaProperties properties) {
    this.admin = admin;
    this.properties = properties;
  }

  /** The pool's command topic, created first if this service has not seen it yet. */
  public Mono<String> ensure(String pool) {
    String topic = Topics.commands(pool);
    if (known.contains(topic)) {
      return Mono.just(topic);
    }
    return Mono.fromCallable(
            () -> {
              admin.createOrModifyTopics(newTopic(topic), newTopic(Topics.deadLetter(topic)));
              awaitServed(topic);
              known.add(topic);
              return topic;
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * Blocks until the leader of every partition of the topic answers for it: a list-offsets request
   * goes to each partition's leader and fails with {@code NOT_LEADER_OR_FOLLOWER} until that broker
   * has applied the creation, just as a produce would.
   */
  private void awaitServed(String topic) throws InterruptedException {
    long deadline = System.nanoTime() + SERVED_WITHIN.toNanos();
    try (Admin client = Admin.create(admin.getConfigurationProperties())) {
      while (!served(client, topic)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the leaders of topic " + topic + " do not serve it after " + SERVED_WITHIN);
        }
        Thread.sleep(SERVED_POLL.toMillis());
      }
    }
  }

  private static boolean served(Admin client, String topic) throws InterruptedException {
    try {
      TopicDescription description =
          client.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
      description
          .partitions()
          .forEach(
              partition ->
                  partitions.put(
                      new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
      client.listOffsets(partitions).all().get();
      return true;
    } catch (ExecutionException notYetServed) {
      return false;
    }
  }

  private NewTopic newTopic(String name) {
    return TopicBuilder.name(name)
        .partitions(properties.partitions())
        .replicas(properties.replicationFactor())
        .build();
  }
}
