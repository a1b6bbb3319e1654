package io.syncplan.executor.run;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Message;
import io.syncplan.support.MessagePublisher;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Publishes run events and waits until Kafka has them: a run's next step (and its ledger entry)
 * moves on only after its event is out.
 */
@Component
class RunEvents {

  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

  private final MessagePublisher publisher;

  RunEvents(MessagePublisher publisher) {
    this.publisher = publisher;
  }

  void publish(Message event) {
    publisher.publish(Topics.RUN_EVENTS, event).block(PUBLISH_TIMEOUT);
  }
}
