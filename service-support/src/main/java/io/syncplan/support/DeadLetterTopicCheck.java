package io.syncplan.support;

import io.syncplan.contracts.Topics;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.ReflectionUtils;

/**
 * Keeps the rule that every consumed topic has its dead-letter topic declared as a bean: before the
 * listeners start, a service whose listener reads a topic without one refuses to start, naming it.
 * Without the declaration, a cluster that does not create topics by itself has nowhere to park a
 * failed record, and its partition would stop on it.
 */
final class DeadLetterTopicCheck implements SmartLifecycle {

  /**
   * What a {@link KafkaAdmin.NewTopics} bean declares; spring-kafka reads it through a
   * package-private getter and offers no public one. {@code DeadLetterTopicCheckTest} fails if it
   * goes.
   */
  private static final Method NEW_TOPICS =
      ReflectionUtils.findMethod(KafkaAdmin.NewTopics.class, "getNewTopics");

  static {
    ReflectionUtils.makeAccessible(NEW_TOPICS);
  }

  private final ListableBeanFactory beans;
  private volatile boolean running;

  DeadLetterTopicCheck(ListableBeanFactory beans) {
    this.beans = beans;
  }

  @Override
  public void start() {
    KafkaListenerEndpointRegistry registry =
        beans.getBeanProvider(KafkaListenerEndpointRegistry.class).getIfAvailable();
    if (registry != null) {
      Set<String> missing = missing(registry);
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "Listeners consume topics whose dead-letter topics are not declared as NewTopic beans: "
                + missing);
      }
    }
    running = true;
  }

  private Set<String> missing(KafkaListenerEndpointRegistry registry) {
    Set<String> declared = new HashSet<>();
    beans.getBeansOfType(NewTopic.class).values().forEach(topic -> declared.add(topic.name()));
    for (KafkaAdmin.NewTopics topics : beans.getBeansOfType(KafkaAdmin.NewTopics.class).values()) {
      @SuppressWarnings("unchecked")
      var each = (Iterable<NewTopic>) ReflectionUtils.invokeMethod(NEW_TOPICS, topics);
      each.forEach(topic -> declared.add(topic.name()));
    }
    Set<String> missing = new TreeSet<>();
    for (MessageListenerContainer container : registry.getAllListenerContainers()) {
      String[] topics = container.getContainerProperties().getTopics();
      for (String topic : topics == null ? new String[0] : topics) {
        if (!declared.contains(Topics.deadLetter(topic))) {
          missing.add(Topics.deadLetter(topic));
        }
      }
    }
    return missing;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the listener containers start. */
  @Override
  public int getPhase() {
    return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
  }
}
