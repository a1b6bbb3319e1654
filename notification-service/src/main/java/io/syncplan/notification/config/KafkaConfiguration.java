package io.syncplan.notification.config;

import io.syncplan.support.DeadLetters;
import io.syncplan.support.SyncplanKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** This service's topics, and how long it waits for a plan it does not know yet. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  /**
   * Like the shared handler, but patient: a run event can overtake its plan's first plan event
   * (they travel on different topics), and a new deployment replays every plan before it knows them
   * all. So an event is retried for {@code unknown-plan-wait} before it is dead-lettered.
   */
  @Bean
  DefaultErrorHandler kafkaErrorHandler(
      KafkaTemplate<Object, Object> template, NotificationProperties properties) {
    ExponentialBackOff backOff = new ExponentialBackOff(250, 2.0);
    backOff.setMaxInterval(5_000);
    backOff.setMaxElapsedTime(properties.unknownPlanWait().toMillis());
    return DeadLetters.errorHandler(template, backOff);
  }

  /**
   * Offsets are committed without waiting for the broker: every record this service handles is
   * idempotent (a claim taken twice is a no-op, plan rules apply only if newer), so a commit that
   * is lost costs a harmless redelivery, while waiting for it delays the next batch.
   */
  @Bean
  ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
      asyncCommits() {
    return container -> container.getContainerProperties().setSyncCommits(false);
  }

  @Bean
  KafkaAdmin.NewTopics notificationTopics(
      SyncplanKafkaProperties kafka, NotificationProperties properties) {
    return new KafkaAdmin.NewTopics(topic(properties.delivery().deadLetterTopic(), 1, kafka));
  }

  private static NewTopic topic(String name, int partitions, SyncplanKafkaProperties kafka) {
    return TopicBuilder.name(name)
        .partitions(partitions)
        .replicas(kafka.replicationFactor())
        .build();
  }
}
