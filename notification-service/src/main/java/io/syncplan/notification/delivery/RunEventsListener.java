package io.syncplan.notification.delivery;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.notification.rule.PlanRules;
import io.syncplan.notification.rule.PlanRulesStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reacts to run starts, retries and outcomes on {@code syncplan.run-events}. Records come in
 * batches: the rules of the plans whose events may notify are read in one query (a batch of only
 * queued and progress events reads none), and their claims are made concurrently (each event's
 * claims are independent of the others'), and a batch is acknowledged once its deliveries are
 * claimed: a crash before that redelivers it, and the claims keep the redelivery from sending
 * twice.
 *
 * <p>When a record fails (its plan is not known yet, or it cannot be read), the records before it
 * are committed and the shared error handler retries from it, then dead-letters it.
 */
@Component
class RunEventsListener {

  private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(30);
  private static final int CONCURRENT_CLAIMS = 32;
  private static final LogAccessor LOG = new LogAccessor(RunEventsListener.class);

  private final Notifier notifier;
  private final PlanRulesStore rules;

  RunEventsListener(Notifier notifier, PlanRulesStore rules) {
    this.notifier = notifier;
    this.rules = rules;
  }

  @KafkaListener(
      topics = Topics.RUN_EVENTS,
      groupId = "${spring.application.name}.run-events",
      batch = "true")
  void onRunEvents(List<ConsumerRecord<String, Envelope<Message>>> records) {
    Set<String> planIds =
        records.stream()
            .map(ConsumerRecord::value)
            .filter(Objects::nonNull)
            .filter(notifier::mayNotify)
            .map(Envelope::planId)
            .collect(Collectors.toSet());
    Map<String, PlanRules> plans =
        planIds.isEmpty() ? Map.of() : rules.findAll(planIds).block(CLAIM_TIMEOUT);
    Throwable[] failures = new Throwable[records.size()];
    Flux.range(0, records.size())
        .flatMap(
            index ->
                claim(records.get(index), plans)
                    .onErrorResume(
                        error -> {
                          failures[index] = error;
                          return Mono.empty();
                        }),
            CONCURRENT_CLAIMS)
        .then()
        .block(CLAIM_TIMEOUT);
    for (int index = 0; index < failures.length; index++) {
      if (failures[index] != null) {
        throw new BatchListenerFailedException(
            failures[index].getMessage(), failures[index], index);
      }
    }
  }

  private Mono<Void> claim(
      ConsumerRecord<String, Envelope<Message>> record, Map<String, PlanRules> plans) {
    if (record.value() == null) {
      DeserializationException unreadable =
          SerializationUtils.getExceptionFromHeader(
              record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
      return unreadable == null
          ? Mono.empty() // a tombstone: nothing to tell anyone
          : Mono.error(unreadable);
    }
    return notifier.onRunEvent(record.value(), plans.get(record.value().planId()));
  }
}
