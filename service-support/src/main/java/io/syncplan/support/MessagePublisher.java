package io.syncplan.support;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import java.time.Clock;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes messages in their envelope, keyed by plan id, and completes when the broker has them.
 * Sending may block while the producer waits for metadata, so it never runs on the caller's thread:
 * an event-loop thread stays free even when Kafka is down. The caller's trace (and logging context)
 * goes along to the sending thread, so the record carries the caller's {@code traceparent}.
 */
public class MessagePublisher {

  private final KafkaTemplate<Object, Object> template;
  private final String producer;
  private final Clock clock;
  private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

  public MessagePublisher(KafkaTemplate<Object, Object> template, String producer, Clock clock) {
    this.template = template;
    this.producer = producer;
    this.clock = clock;
  }

  /** Wraps a payload in a new envelope from this service. */
  public <T extends Message> Envelope<T> envelope(T payload) {
    return Envelope.wrap(payload, producer, clock);
  }

  public Mono<Envelope<?>> publish(String topic, Message payload) {
    Envelope<?> envelope = envelope(payload);
    return publish(topic, envelope).thenReturn(envelope);
  }

  public Mono<Void> publish(String topic, Envelope<?> envelope) {
    return send(topic, envelope.planId(), envelope);
  }

  /** A null value for the key: on a compacted topic, the key's records are removed. */
  public Mono<Void> tombstone(String topic, String key) {
    return send(topic, key, null);
  }

  private Mono<Void> send(String topic, String key, Object value) {
    return Mono.deferContextual(
            context -> {
              ContextSnapshot caller = snapshots.captureAll(context);
              return Mono.fromFuture(
                      () -> {
                        try (ContextSnapshot.Scope scope = caller.setThreadLocals()) {
                          return template.send(topic, key, value);
                        }
                      })
                  .subscribeOn(Schedulers.boundedElastic());
            })
        .then();
  }

  public String producer() {
    return producer;
  }
}
