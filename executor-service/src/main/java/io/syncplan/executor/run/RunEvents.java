package io.syncplan.executor.run;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Message;
import io.syncplan.support.MessagePublisher;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes run events. A run's steps wait until Kafka has their event (its next step, and its
 * ledger entry, move on only after); progress is sent without waiting, so a slow broker never slows
 * rclone down.
 */
@Component
class RunEvents {

  private static final Logger log = LoggerFactory.getLogger(RunEvents.class);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

  private final MessagePublisher publisher;

  RunEvents(MessagePublisher publisher) {
    this.publisher = publisher;
  }

  void publish(Message event) {
    publisher.publish(Topics.RUN_EVENTS, event).block(PUBLISH_TIMEOUT);
  }

  void publishProgress(Message progress) {
    publisher
        .publish(Topics.RUN_EVENTS, progress)
        .subscribe(
            sent -> {}, error -> log.debug("A progress event was not sent: {}", error.toString()));
  }
}
