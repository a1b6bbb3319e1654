package io.syncplan.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** No broker needed: the check runs before any listener connects. */
class DeadLetterTopicCheckTest {

  private final ApplicationContextRunner service =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class))
          .withPropertyValues(
              "spring.kafka.bootstrap-servers=127.0.0.1:9",
              "spring.kafka.admin.auto-create=false",
              "spring.kafka.listener.auto-startup=false")
          .withUserConfiguration(OrdersListener.class)
          .withInitializer(
              context ->
                  context
                      .getBeanFactory()
                      .registerSingleton(
                          "deadLetterTopicCheck",
                          new DeadLetterTopicCheck(context.getBeanFactory())));

  @Test
  void aServiceConsumingATopicWithoutADeclaredDeadLetterTopicRefusesToStart() {
    service
        .withBean("ordersTopic", NewTopic.class, () -> TopicBuilder.name("orders").build())
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("not declared as NewTopic beans: [orders.dlt]"));
  }

  @Test
  void aServiceDeclaringItsDeadLetterTopicsStarts() {
    service
        .withBean(
            "orderTopics",
            KafkaAdmin.NewTopics.class,
            () ->
                new KafkaAdmin.NewTopics(
                    TopicBuilder.name("orders").build(), TopicBuilder.name("orders.dlt").build()))
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Configuration(proxyBeanMethods = false)
  static class OrdersListener {
    @KafkaListener(topics = "orders", groupId = "orders")
    void on(String order) {}
  }
}
