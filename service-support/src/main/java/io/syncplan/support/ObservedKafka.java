package io.syncplan.support;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.CompositeBatchInterceptor;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Makes every Kafka template and every listener container factory of a service carry trace context
 * and the plan's logging context, including the factories a service builds itself (Boot's {@code
 * spring.kafka.*.observation-enabled} reach only Boot's own). With observation on, a template
 * writes the current trace into each record's headers ({@code traceparent}) and a listener
 * continues it; batch listeners get one observation per record.
 */
final class ObservedKafka implements BeanPostProcessor {

  private final EnvelopeMdc mdc = new EnvelopeMdc();

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof KafkaTemplate<?, ?> template) {
      template.setObservationEnabled(true);
    } else if (bean instanceof AbstractKafkaListenerContainerFactory factory) {
      ContainerProperties properties = factory.getContainerProperties();
      properties.setObservationEnabled(true);
      properties.setRecordObservationsInBatch(true);
      factory.setRecordInterceptor(withMdc(factory.getRecordInterceptor()));
      factory.setBatchInterceptor(withMdc(factory.getBatchInterceptor()));
    }
    return bean;
  }

  @SuppressWarnings("unchecked")
  private RecordInterceptor<Object, Object> withMdc(RecordInterceptor<Object, Object> existing) {
    if (existing == null || existing == mdc) {
      return mdc;
    }
    return new CompositeRecordInterceptor<>(mdc, existing);
  }

  @SuppressWarnings("unchecked")
  private BatchInterceptor<Object, Object> withMdc(BatchInterceptor<Object, Object> existing) {
    if (existing == null || existing == mdc) {
      return mdc;
    }
    return new CompositeBatchInterceptor<>(mdc, existing);
  }
}
