package io.syncplan.notification.delivery;

import io.syncplan.notification.config.NotificationProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every few seconds, on every instance: takes over pending deliveries whose holder is gone, and
 * settles attempts that were in flight when their instance died.
 *
 * <p>Such an attempt may or may not have reached its receiver. Sending it again could deliver it
 * twice, so it is recorded FAILED ("interrupted") and dead-lettered instead: at most once per event
 * and channel, with the rare loss visible in the log and on the dead-letter topic. A graceful stop
 * never leaves one behind: it waits for attempts in flight.
 */
@Component
class DeliverySweeper extends PeriodicTask {

  static final String INTERRUPTED =
      "interrupted: the instance sending it stopped during the attempt; not sent again, because"
          + " the receiver may already have it";

  private static final Logger log = LoggerFactory.getLogger(DeliverySweeper.class);
  private static final int BATCH = 100;

  private final DeliveryLog deliveries;
  private final DeliveryDispatcher dispatcher;
  private final DeliveryEvents events;
  private final Clock clock;

  DeliverySweeper(
      DeliveryLog deliveries,
      DeliveryDispatcher dispatcher,
      DeliveryEvents events,
      Clock clock,
      NotificationProperties properties) {
    super(Duration.ZERO, properties.delivery().sweepInterval(), "Delivery sweep");
    this.deliveries = deliveries;
    this.dispatcher = dispatcher;
    this.events = events;
    this.clock = clock;
  }

  /** One sweep; completes when the deliveries found are taken over or settled. */
  Mono<Void> sweep() {
    Instant now = clock.instant();
    Mono<Void> resume =
        deliveries
            .abandoned(now, BATCH)
            .concatMap(
                abandoned ->
                    deliveries.takeOver(
                        abandoned.id(),
                        dispatcher.owner(),
                        now,
                        dispatcher.leaseFrom(later(abandoned.nextAttemptAt(), now))))
            .doOnNext(dispatcher::resume)
            .then();
    Mono<Void> settle =
        deliveries
            .interrupted(now, BATCH)
            .concatMap(stuck -> deliveries.giveUpInterrupted(stuck.id(), INTERRUPTED, now))
            .doOnNext(
                failed ->
                    log.warn(
                        "Delivery {} was interrupted during attempt {}; recorded FAILED",
                        failed.id(),
                        failed.attempts()))
            .concatMap(events::changed)
            .then();
    return resume.then(settle);
  }

  private static Instant later(Instant due, Instant now) {
    return due == null || due.isBefore(now) ? now : due;
  }

  @Override
  Mono<Void> runOnce() {
    return sweep();
  }

  /** Stops before the dispatcher, so nothing is taken over while it hands deliveries back. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 150;
  }
}
