package io.syncplan.executor.config;

import io.syncplan.contracts.Topics;
import io.syncplan.support.SyncplanKafkaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The command topic of this executor's pool exists before its consumer subscribes. */
@Configuration(proxyBeanMethods = false)
class CommandTopicConfig {

  @Bean
  KafkaAdmin.NewTopics poolCommandTopic(
      @Value("${syncplan.executor.pool}") String pool, SyncplanKafkaProperties kafka) {
    String topic = Topics.commands(pool);
    return new KafkaAdmin.NewTopics(
        TopicBuilder.name(topic)
            .partitions(kafka.partitions())
            .replicas(kafka.replicationFactor())
            .build(),
        TopicBuilder.name(Topics.deadLetter(topic))
            .partitions(1)
            .replicas(kafka.replicationFactor())
            .build());
  }
}
