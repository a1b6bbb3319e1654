package io.syncplan.notification.config;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.UnreadableMessageException;
import io.syncplan.support.SyncplanKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
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
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            template,
            (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
    ExponentialBackOff backOff = new ExponentialBackOff(250, 2.0);
    backOff.setMaxInterval(5_000);
    backOff.setMaxElapsedTime(properties.unknownPlanWait().toMillis());
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(
        UnreadableMessageException.class, DeserializationException.class);
    return handler;
  }

  @Bean
  KafkaAdmin.NewTopics notificationTopics(
      SyncplanKafkaProperties kafka, NotificationProperties properties) {
    return new KafkaAdmin.NewTopics(
        topic(properties.delivery().deadLetterTopic(), 1, kafka),
        topic(Topics.deadLetter(Topics.NOTIFICATION_COMMANDS), 1, kafka));
  }

  private static NewTopic topic(String name, int partitions, SyncplanKafkaProperties kafka) {
    return TopicBuilder.name(name)
        .partitions(partitions)
        .replicas(kafka.replicationFactor())
        .build();
  }
}
