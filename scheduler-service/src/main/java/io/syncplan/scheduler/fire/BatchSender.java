package io.syncplan.scheduler.fire;

import io.syncplan.contracts.message.Message;
import io.syncplan.scheduler.config.SchedulerProperties;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends a batch of messages at once and waits for all of them: the producer packs them into a few
 * requests, so a thousand commands cost about what one does, where sending them one by one with a
 * wait each would cost a round trip apiece.
 */
@Component
class BatchSender {

  private static final Logger log = LoggerFactory.getLogger(BatchSender.class);
  private static final int IN_FLIGHT = 1024;

  /** A message for a topic. */
  record Outgoing(String topic, Message payload) {}

  private final MessagePublisher publisher;
  private final Clock clock;
  private final Duration timeout;

  BatchSender(MessagePublisher publisher, Clock clock, SchedulerProperties properties) {
    this.publisher = publisher;
    this.clock = clock;
    this.timeout = properties.sendTimeout();
  }

  /**
   * Sends every message; for each one, in order, when Kafka had it, or null if it did not take it
   * within the send timeout.
   */
  List<Instant> send(List<Outgoing> messages) {
    return sendAsync(messages).block(timeout.plusSeconds(5));
  }

  /** As {@link #send}, completing when every message is sent or has failed. */
  Mono<List<Instant>> sendAsync(List<Outgoing> messages) {
    Instant[] acked = new Instant[messages.size()];
    if (messages.isEmpty()) {
      return Mono.just(List.of());
    }
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    return Flux.range(0, messages.size())
        .flatMap(
            index -> {
              Outgoing message = messages.get(index);
              return publisher
                  .publish(message.topic(), message.payload())
                  .timeout(timeout)
                  .doOnSuccess(sent -> acked[index] = clock.instant())
                  .then()
                  .onErrorResume(
                      error -> {
                        firstError.compareAndSet(null, error);
                        return Mono.empty();
                      });
            },
            IN_FLIGHT)
        .then(
            Mono.fromSupplier(
                () -> {
                  List<Instant> result = new ArrayList<>(Arrays.asList(acked));
                  if (firstError.get() != null) {
                    log.warn(
                        "Kafka did not take {} of {} messages, they will be sent again: {}",
                        result.stream().filter(ack -> ack == null).count(),
                        messages.size(),
                        firstError.get().toString());
                  }
                  return result;
                }));
  }
}
