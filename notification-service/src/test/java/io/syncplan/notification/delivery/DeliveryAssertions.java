package io.syncplan.notification.delivery;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.message.Envelope;
import io.syncplan.contracts.message.Message;
import io.syncplan.contracts.notification.DeliveryUpdated;
import io.syncplan.testsupport.KafkaRecorder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

/** Waits for deliveries to settle and reads what was published about them. */
final class DeliveryAssertions {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String DEAD_LETTERS = "syncplan.notification-deliveries.dlt";

  private DeliveryAssertions() {}

  /** The deliveries of a run, once there are {@code count} and all are DELIVERED or FAILED. */
  static List<Delivery> awaitSettled(DeliveryLog deliveries, String runId, int count) {
    return Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> deliveries.ofRun(runId).collectList().block(),
            list -> list.size() >= count && list.stream().allMatch(DeliveryAssertions::settled));
  }

  static Delivery awaitSettled(DeliveryLog deliveries, String runId) {
    return awaitSettled(deliveries, runId, 1).get(0);
  }

  static boolean settled(Delivery delivery) {
    return delivery.status() == DeliveryStatus.DELIVERED
        || delivery.status() == DeliveryStatus.FAILED;
  }

  /** The delivery updates of an event on syncplan.notification-events, in the order published. */
  static List<DeliveryUpdated> updates(KafkaRecorder kafka, String eventId, int count) {
    Awaitility.await()
        .atMost(WAIT)
        .until(() -> updatesNow(kafka, Topics.NOTIFICATION_EVENTS, eventId).size() >= count);
    return updatesNow(kafka, Topics.NOTIFICATION_EVENTS, eventId);
  }

  static DeliveryUpdated deadLetter(KafkaRecorder kafka, String eventId) {
    Awaitility.await()
        .atMost(WAIT)
        .until(() -> !updatesNow(kafka, DEAD_LETTERS, eventId).isEmpty());
    return updatesNow(kafka, DEAD_LETTERS, eventId).get(0);
  }

  static List<DeliveryUpdated> updatesNow(KafkaRecorder kafka, String topic, String eventId) {
    return kafka.records().stream()
        .filter(record -> record.topic().equals(topic))
        .map(ConsumerRecord::value)
        .filter(Objects::nonNull)
        .map(Envelope::payload)
        .filter(DeliveryUpdated.class::isInstance)
        .map(DeliveryUpdated.class::cast)
        .filter(updated -> updated.eventId().equals(eventId))
        .toList();
  }

  static List<Envelope<Message>> all(KafkaRecorder kafka) {
    return kafka.envelopes();
  }
}
