package io.syncplan.notification.delivery;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.notification.TestNotificationRequested;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Sends a test notification to every channel of a plan when the API asks for one. */
@Component
class TestNotificationListener {

  private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);

  private final Notifier notifier;

  TestNotificationListener(Notifier notifier) {
    this.notifier = notifier;
  }

  @KafkaListener(
      topics = Topics.NOTIFICATION_COMMANDS,
      groupId = "${spring.application.name}.notification-commands")
  void onCommand(Envelope<Message> envelope) {
    if (envelope != null && envelope.payload() instanceof TestNotificationRequested request) {
      notifier.onTestRequested(envelope, request).block(CLAIM_TIMEOUT);
    }
  }
}
