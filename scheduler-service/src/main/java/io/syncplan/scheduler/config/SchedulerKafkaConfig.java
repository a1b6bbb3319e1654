package io.syncplan.scheduler.config;

import io.syncplan.support.DeadLetters;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The scheduler's listeners take plan and run events in batches. Unlike the shared set-up, a batch
 * that fails because MongoDB is away is retried until it succeeds rather than parked: a parked plan
 * event would leave its schedule wrong for good. Records that cannot be read or applied are parked
 * on the dead-letter topic at once.
 */
@Configuration(proxyBeanMethods = false)
public class SchedulerKafkaConfig {

  /** The plan events listener container, started only on the firing replica. */
  public static final String PLAN_EVENTS_LISTENER = "scheduler-plan-events";

  /** The run events listener container, started only on the firing replica. */
  public static final String RUN_EVENTS_LISTENER = "scheduler-run-events";

  /** The container factory of the scheduler's batch listeners. */
  public static final String BATCH_LISTENER_FACTORY = "schedulerBatchListenerFactory";

  /**
   * @param catchUp reads the plan events anew when partitions are assigned (the schedule feature's
   *     catch-up)
   */
  @Bean(BATCH_LISTENER_FACTORY)
  ConcurrentKafkaListenerContainerFactory<Object, Object> schedulerBatchListenerFactory(
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      ConsumerFactory<Object, Object> consumerFactory,
      KafkaTemplate<Object, Object> template,
      ConsumerAwareRebalanceListener catchUp) {
    ConcurrentKafkaListenerContainerFactory<Object, Object> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    configurer.configure(factory, consumerFactory);
    factory.setBatchListener(true);
    factory.setCommonErrorHandler(errorHandler(template));
    factory.getContainerProperties().setConsumerRebalanceListener(catchUp);
    return factory;
  }

  /**
   * The producer gives a record up after {@code send-timeout}; a command it gave up on is never
   * delivered later, so the firing loop can send the fire again without making two runs of it.
   */
  @Bean
  DefaultKafkaProducerFactoryCustomizer schedulerProducerTimeouts(SchedulerProperties properties) {
    long delivery = properties.sendTimeout().toMillis();
    long request = Math.min(5_000, delivery / 2);
    return factory ->
        factory.updateConfigs(
            Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request,
                ProducerConfig.LINGER_MS_CONFIG, 5));
  }

  private static DefaultErrorHandler errorHandler(KafkaTemplate<Object, Object> template) {
    ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(30_000);
    return DeadLetters.errorHandler(template, backOff, UnprocessableEventException.class);
  }
}
