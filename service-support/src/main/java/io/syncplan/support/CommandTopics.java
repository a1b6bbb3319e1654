package io.syncplan.support;

import io.syncplan.contracts.Topics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Makes sure the command topic of an executor pool exists before the first command is sent to it or
 * the first executor of the pool listens, so that no cluster needs topic auto-creation.
 */
public class CommandTopics {

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
              known.add(topic);
              return topic;
            })
        .subscribeOn(Schedulers.boundedElastic());
  }

  private NewTopic newTopic(String name) {
    return TopicBuilder.name(name)
        .partitions(properties.partitions())
        .replicas(properties.replicationFactor())
        .build();
  }
}
