package io.syncplan.support;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.UnreadableMessageException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;

/**
 * How every syncplan listener gives a record up: retried as {@code backOff} allows, then parked on
 * the dead-letter topic next to the one it came from ({@link Topics#deadLetter}), so the partition
 * goes on. A record that cannot be read, or that a service says it can never apply, is parked at
 * once. Each service chooses only how patient it is.
 */
public final class DeadLetters {

  private DeadLetters() {}

  /**
   * The error handler for a service's listeners.
   *
   * @param notRetryable failures, besides unreadable records, that retrying cannot mend
   */
  @SafeVarargs
  public static DefaultErrorHandler errorHandler(
      KafkaOperations<Object, Object> template,
      BackOff backOff,
      Class<? extends Exception>... notRetryable) {
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            template,
            (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    List<Class<? extends Exception>> parkedAtOnce = new ArrayList<>(List.of(notRetryable));
    parkedAtOnce.add(UnreadableMessageException.class);
    parkedAtOnce.add(DeserializationException.class);
    parkedAtOnce.forEach(handler::addNotRetryableExceptions);
    return handler;
  }
}
