package io.syncplan.plan.run;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import java.time.Duration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the run history from {@code syncplan.run-events}. Runs on a Kafka consumer thread, not an
 * event loop; waiting for the write there keeps events of a plan in order and commits an offset
 * only once its event is stored.
 */
@Component
class RunEventsListener {

  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  private final RunHistory history;

  RunEventsListener(RunHistory history) {
    this.history = history;
  }

  @KafkaListener(topics = Topics.RUN_EVENTS, groupId = "${spring.application.name}.run-events")
  void onRunEvent(Envelope<Message> envelope) {
    if (envelope != null) {
      history.apply(envelope).block(WRITE_TIMEOUT);
    }
  }
}
