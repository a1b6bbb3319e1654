package io.syncplan.notification.delivery;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.run.RunFinished;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reacts to finished runs on {@code syncplan.run-events}. */
@Component
class RunEventsListener {

  private final RunOutcomeNotifier notifier;

  RunEventsListener(RunOutcomeNotifier notifier) {
    this.notifier = notifier;
  }

  @KafkaListener(topics = Topics.RUN_EVENTS, groupId = "${spring.application.name}.run-events")
  void onRunEvent(Envelope<Message> envelope) {
    if (envelope != null && envelope.payload() instanceof RunFinished finished) {
      notifier.claim(envelope, finished).block(Duration.ofSeconds(30));
    }
  }
}
