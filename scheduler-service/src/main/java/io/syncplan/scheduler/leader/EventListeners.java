package io.syncplan.scheduler.leader;

import io.syncplan.scheduler.config.SchedulerKafkaConfig;
import java.util.List;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The plan and run event listeners, which only the firing replica runs: they are declared not to
 * start with the application, and started and stopped with the lease.
 */
@Component
class EventListeners {

  private static final List<String> IDS =
      List.of(SchedulerKafkaConfig.PLAN_EVENTS_LISTENER, SchedulerKafkaConfig.RUN_EVENTS_LISTENER);

  private final KafkaListenerEndpointRegistry registry;

  EventListeners(KafkaListenerEndpointRegistry registry) {
    this.registry = registry;
  }

  void start() {
    IDS.forEach(id -> container(id).start());
  }

  /** Stops them; each finishes the batch it is storing first. */
  void stop() {
    for (String id : IDS) {
      MessageListenerContainer container = container(id);
      if (container.isRunning()) {
        container.stop();
      }
    }
  }

  private MessageListenerContainer container(String id) {
    MessageListenerContainer container = registry.getListenerContainer(id);
    if (container == null) {
      throw new IllegalStateException("no listener container " + id);
    }
    return container;
  }
}
