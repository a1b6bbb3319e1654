package io.syncplan.notification.delivery;

import io.syncplan.notification.channel.AttemptResult;
import io.syncplan.notification.config.NotificationProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the end of an attempt means for its delivery: DELIVERED, another attempt after a backoff, or
 * FAILED and dead-lettered. Records it in the delivery log and publishes the change.
 */
@Component
class AttemptRecorder {

  private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);

  private final DeliveryLog deliveries;
  private final DeliveryEvents events;
  private final DeliveryRetryPolicy policy;
  private final Clock clock;
  private final Duration lease;
  private final DeliveryMetrics metrics;

  AttemptRecorder(
      DeliveryLog deliveries,
      DeliveryEvents events,
      DeliveryRetryPolicy policy,
      Clock clock,
      NotificationProperties properties,
      DeliveryMetrics metrics) {
    this.deliveries = deliveries;
    this.events = events;
    this.policy = policy;
    this.clock = clock;
    this.lease = properties.delivery().lease();
    this.metrics = metrics;
  }

  /**
   * Records how an attempt went.
   *
   * @return the delivery, pending with its {@code nextAttemptAt}, when another attempt is due;
   *     empty when it is settled
   */
  Mono<Delivery> record(Delivery sending, AttemptResult result) {
    Instant now = clock.instant();
    metrics.attempted(sending, result);
    if (result.delivered()) {
      log.debug("Delivered {} on attempt {}", sending.id(), sending.attempts());
      metrics.delivered(sending, now);
      return deliveries.delivered(sending, result, now).flatMap(events::changed).then(Mono.empty());
    }
    Optional<Duration> wait = policy.nextWait(sending.attempts(), result);
    if (wait.isPresent()) {
      Instant next = now.plus(wait.get());
      log.info(
          "Delivery {} attempt {} failed ({}); next attempt in {} ms",
          sending.id(),
          sending.attempts(),
          result.error(),
          wait.get().toMillis());
      return deliveries
          .retryAt(sending, result, now, next, next.plus(lease))
          .flatMap(pending -> events.changed(pending).thenReturn(pending));
    }
    String error =
        result.retryable()
            ? result.error() + "; gave up after " + sending.attempts() + " attempts"
            : result.error();
    log.warn("Delivery {} failed for good: {}", sending.id(), error);
    metrics.failed(sending);
    return deliveries
        .failed(sending, result.responseCode(), error, now)
        .flatMap(events::changed)
        .then(Mono.empty());
  }

  /** Gives up on a pending delivery whose channel its plan no longer has. */
  Mono<Void> channelGone(Delivery delivery, String owner) {
    return deliveries
        .find(delivery.id())
        .filter(
            current -> current.status() == DeliveryStatus.PENDING && owner.equals(current.owner()))
        .flatMap(
            current ->
                deliveries
                    .failed(current, null, "the channel is no longer configured", clock.instant())
                    .doOnSuccess(
                        failed -> {
                          if (failed != null) {
                            metrics.failed(current);
                          }
                        }))
        .flatMap(events::changed);
  }
}
