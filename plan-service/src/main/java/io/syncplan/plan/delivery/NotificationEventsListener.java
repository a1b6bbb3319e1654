package io.syncplan.plan.delivery;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.notification.DeliveryUpdated;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the delivery log from notification-service's {@code DeliveryUpdated} events. */
@Component
class NotificationEventsListener {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final Deliveries deliveries;

  NotificationEventsListener(Deliveries deliveries) {
    this.deliveries = deliveries;
  }

  @KafkaListener(
      topics = Topics.NOTIFICATION_EVENTS,
      groupId = "${spring.application.name}.notification-events")
  void onNotificationEvent(Envelope<Message> envelope) {
    if (envelope != null && envelope.payload() instanceof DeliveryUpdated update) {
      deliveries.record(update).block(WRITE_TIMEOUT);
    }
  }
}
