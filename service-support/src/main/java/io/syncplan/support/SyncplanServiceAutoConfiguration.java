package io.syncplan.support;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.policy.StoragePolicy;
import io.syncplan.contracts.secret.SecretCipher;
import io.syncplan.support.network.NetworkPolicyConfiguration;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The messaging set-up every syncplan service shares: envelopes as JSON on Kafka, a dead-letter
 * topic next to every consumed topic, the public topics declared, and the clock.
 */
@AutoConfiguration(
    before = KafkaAutoConfiguration.class,
    beforeName = {
      "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
      "org.springframework.boot.mongodb.autoconfigure.health.MongoReactiveHealthContributorAutoConfiguration"
    })
@EnableConfigurationProperties({
  SyncplanKafkaProperties.class,
  SyncplanSecretsProperties.class,
  SyncplanStorageProperties.class,
  SyncplanCommandSigningProperties.class
})
@Import(NetworkPolicyConfiguration.class)
public class SyncplanServiceAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Seals and opens secrets. Created on first use, so a service that never handles a secret does
   * not need the key; one that does refuses to start without it.
   */
  @Bean
  @Lazy
  @ConditionalOnMissingBean
  SecretCipher secretCipher(SyncplanSecretsProperties properties) {
    if (properties.key() == null || properties.key().isBlank()) {
      throw new IllegalStateException(
          "syncplan.secrets.key (SYNCPLAN_SECRETS_KEY) is not set: generate one with"
              + " 'openssl rand -base64 32' and give the same value to plan-service,"
              + " executor-service and notification-service");
    }
    return new SecretCipher(
        properties.key(), properties.previousKeys(), properties.poolKeysByPool());
  }

  /** The storage options policy, with the host options this service's operator allows. */
  @Bean
  @ConditionalOnMissingBean
  StoragePolicy storagePolicy(SyncplanStorageProperties properties) {
    return new StoragePolicy(properties.hostOptions());
  }

  /** Envelopes as JSON; commands signed when this service has a signing key. */
  @Bean
  DefaultKafkaProducerFactoryCustomizer envelopeProducerCustomizer(
      SyncplanCommandSigningProperties signing) {
    return factory -> asEnvelopeProducer(factory, signing.signingKey());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void asEnvelopeProducer(
      org.springframework.kafka.core.DefaultKafkaProducerFactory factory, PrivateKey signingKey) {
    factory.setValueSerializer(
        new DelegatingByTypeSerializer(
            Map.of(
                byte[].class, new ByteArraySerializer(),
                Envelope.class, new SigningEnvelopeSerializer(signingKey)),
            true));
    // Fail a send within seconds when the broker is away, rather than after a minute; callers
    // that must not lose a message keep it (the outbox) and try again.
    factory.updateConfigs(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000));
  }

  /**
   * Envelopes from JSON; a record on a command topic only with a signature a trusted key verifies
   * (only executors read command topics).
   */
  @Bean
  DefaultKafkaConsumerFactoryCustomizer envelopeConsumerCustomizer(
      SyncplanCommandSigningProperties signing) {
    return factory -> asEnvelopeConsumer(factory, signing.verifyingKeys());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void asEnvelopeConsumer(
      org.springframework.kafka.core.DefaultKafkaConsumerFactory factory, List<PublicKey> trusted) {
    factory.setValueDeserializer(
        new ErrorHandlingDeserializer<>(new VerifyingEnvelopeDeserializer(trusted)));
  }

  @Bean
  @ConditionalOnMissingBean
  MessagePublisher messagePublisher(
      KafkaTemplate<Object, Object> template,
      @Value("${spring.application.name}") String producer,
      Clock clock) {
    return new MessagePublisher(template, producer, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  CommandTopics commandTopics(KafkaAdmin admin, SyncplanKafkaProperties properties) {
    return new CommandTopics(admin, properties);
  }

  /**
   * A record that cannot be read is parked on the topic's dead-letter topic at once; one that
   * failed to process is retried a few times with backoff first, then parked. One that failed
   * because MongoDB or Kafka is away ({@link TransientFailures}) is retried until they are back and
   * never parked ({@link DeadLetters}).
   */
  @Bean
  @ConditionalOnMissingBean(CommonErrorHandler.class)
  DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxAttempts(3);
    return DeadLetters.errorHandler(template, backOff);
  }

  /**
   * The topics the services share, each with its dead-letter topic: a cluster without topic
   * auto-creation needs them declared, and a record parked on a dead-letter topic that does not
   * exist would stop its partition instead.
   */
  @Bean
  KafkaAdmin.NewTopics syncplanTopics(SyncplanKafkaProperties properties) {
    List<NewTopic> topics = new ArrayList<>();
    for (String compacted : List.of(Topics.PLAN_EVENTS, Topics.SCHEDULE_EVENTS)) {
      topics.add(
          topic(compacted, properties)
              .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
              .build());
    }
    for (String plain :
        List.of(
            Topics.RUN_EVENTS,
            Topics.EXECUTOR_RESULTS,
            Topics.NOTIFICATION_COMMANDS,
            Topics.NOTIFICATION_EVENTS)) {
      topics.add(topic(plain, properties).build());
    }
    for (NewTopic topic : List.copyOf(topics)) {
      topics.add(
          TopicBuilder.name(Topics.deadLetter(topic.name()))
              .partitions(1)
              .replicas(properties.replicationFactor())
              .build());
    }
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }

  private static TopicBuilder topic(String name, SyncplanKafkaProperties properties) {
    return TopicBuilder.name(name)
        .partitions(properties.partitions())
        .replicas(properties.replicationFactor());
  }

  /**
   * Refuses to start a service that consumes a topic whose dead-letter topic it does not declare.
   */
  @Bean
  DeadLetterTopicCheck deadLetterTopicCheck(ListableBeanFactory beans) {
    return new DeadLetterTopicCheck(beans);
  }

  /** Trace context and the plan's logging context on every Kafka template and listener. */
  @Bean
  static ObservedKafka observedKafka() {
    return new ObservedKafka();
  }

  /** Kafka health ({@code kafka}), part of every service's readiness group. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(AbstractReactiveHealthIndicator.class)
  static class KafkaHealthConfiguration {

    @Bean("kafkaHealthIndicator")
    @ConditionalOnMissingBean(name = "kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(
        KafkaAdmin admin, SyncplanKafkaProperties properties) {
      return new KafkaHealthIndicator(admin, properties.healthTimeout());
    }
  }

  /** MongoDB health by {@code ping}, which the embedded store answers too. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({ReactiveMongoTemplate.class, AbstractReactiveHealthIndicator.class})
  static class MongoHealthConfiguration {

    @Bean("mongoHealthContributor")
    MongoPingHealthIndicator mongoHealthContributor(ReactiveMongoTemplate mongo) {
      return new MongoPingHealthIndicator(mongo);
    }
  }
}
