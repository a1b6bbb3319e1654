package io.syncplan.scheduler.fire;

import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends a batch of messages at once and completes when Kafka has answered for all of them: the
 * producer packs them into a few requests, so a thousand commands cost about what one does, where
 * sending them one by one with a wait each would cost a round trip apiece.
 *
 * <p>A message counts as not sent only when the producer gave up on it ({@code
 * delivery.timeout.ms}); it is never delivered after that, so sending the fire again later cannot
 * make two runs of it.
 */
@Component
class BatchSender {

  private static final Logger log = LoggerFactory.getLogger(BatchSender.class);

  /** A message for a topic, keyed by its plan id. */
  record Outgoing(String topic, Message payload) {}

  private final KafkaTemplate<Object, Object> template;
  private final MessagePublisher envelopes;
  private final Clock clock;

  BatchSender(KafkaTemplate<Object, Object> template, MessagePublisher envelopes, Clock clock) {
    this.template = template;
    this.envelopes = envelopes;
    this.clock = clock;
  }

  /**
   * Sends every message; for each one, in order, when Kafka had it, or null if it did not take it.
   * Handing records to the producer may block (for topic metadata, or while its buffer is full), so
   * it happens on a thread meant for blocking, once for the whole batch.
   */
  Mono<List<Instant>> send(List<Outgoing> messages) {
    if (messages.isEmpty()) {
      return Mono.just(List.of());
    }
    return Mono.fromCallable(() -> sendAll(messages))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(pending -> Mono.fromFuture(pending.all()).thenReturn(pending))
        .map(Pending::result);
  }

  private record Pending(
      CompletableFuture<Void> all, Instant[] acked, AtomicReference<Throwable> firstError) {

    List<Instant> result() {
      List<Instant> result = new ArrayList<>(Arrays.asList(acked));
      if (firstError.get() != null) {
        log.warn(
            "Kafka did not take {} of {} messages, they will be sent again: {}",
            result.stream().filter(ack -> ack == null).count(),
            result.size(),
            firstError.get().toString());
      }
      return result;
    }
  }

  private Pending sendAll(List<Outgoing> messages) {
    Instant[] acked = new Instant[messages.size()];
    AtomicReference<Throwable> firstError = new AtomicReference<>();
    CompletableFuture<?>[] futures = new CompletableFuture<?>[messages.size()];
    for (int i = 0; i < messages.size(); i++) {
      int index = i;
      Outgoing message = messages.get(i);
      Envelope<?> envelope = envelopes.envelope(message.payload());
      CompletableFuture<?> sent;
      try {
        sent = template.send(message.topic(), envelope.planId(), envelope);
      } catch (RuntimeException e) {
        sent = CompletableFuture.failedFuture(e);
      }
      futures[i] =
          sent.handle(
              (result, error) -> {
                if (error == null) {
                  acked[index] = clock.instant();
                } else {
                  firstError.compareAndSet(null, error);
                }
                return null;
              });
    }
    return new Pending(CompletableFuture.allOf(futures), acked, firstError);
  }
}
