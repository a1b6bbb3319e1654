package io.syncplan.notification.delivery;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reacts to run starts, retries and outcomes on {@code syncplan.run-events}. The record is
 * acknowledged once its deliveries are claimed, so a crash before that redelivers it and the claims
 * keep the redelivery from sending twice.
 */
@Component
class RunEventsListener {

  private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);

  private final Notifier notifier;

  RunEventsListener(Notifier notifier) {
    this.notifier = notifier;
  }

  @KafkaListener(topics = Topics.RUN_EVENTS, groupId = "${spring.application.name}.run-events")
  void onRunEvent(Envelope<Message> envelope) {
    if (envelope != null) {
      notifier.onRunEvent(envelope).block(CLAIM_TIMEOUT);
    }
  }
}
