package io.syncplan.notification.delivery;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.notification.DeliveryUpdated;
import io.syncplan.notification.config.NotificationProperties;
import io.syncplan.support.MessagePublisher;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Publishes every change of a delivery as {@code notification.delivery-updated} on {@code
 * syncplan.notification-events}, and a delivery given up on to the dead-letter topic as well. The
 * delivery log in MongoDB is the record; an event Kafka cannot take after a few tries is logged and
 * dropped rather than holding up the deliveries behind it.
 */
@Component
class DeliveryEvents {

  private static final Logger log = LoggerFactory.getLogger(DeliveryEvents.class);

  private final MessagePublisher publisher;
  private final String deadLetterTopic;

  DeliveryEvents(MessagePublisher publisher, NotificationProperties properties) {
    this.publisher = publisher;
    this.deadLetterTopic = properties.delivery().deadLetterTopic();
  }

  Mono<Void> changed(Delivery delivery) {
    Mono<Void> updated = publish(Topics.NOTIFICATION_EVENTS, delivery);
    return delivery.status() == DeliveryStatus.FAILED
        ? updated.then(publish(deadLetterTopic, delivery))
        : updated;
  }

  private Mono<Void> publish(String topic, Delivery delivery) {
    return publisher
        .publish(topic, event(delivery))
        .retryWhen(Retry.backoff(2, Duration.ofMillis(200)))
        .then()
        .onErrorResume(
            error -> {
              log.warn(
                  "Delivery {} is {} but could not be published to {}: {}",
                  delivery.id(),
                  delivery.status(),
                  topic,
                  error.toString());
              return Mono.empty();
            });
  }

  static DeliveryUpdated event(Delivery delivery) {
    return new DeliveryUpdated(
        delivery.planId(),
        delivery.runId(),
        delivery.eventId(),
        delivery.eventType(),
        delivery.channel(),
        delivery.status().published(),
        delivery.attempts(),
        delivery.lastResponseCode(),
        delivery.lastError(),
        delivery.updatedAt());
  }
}
