package io.syncplan.notification.delivery;

import io.syncplan.notification.config.NotificationProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the delivery log from growing for ever: every {@code prune-interval}, on every instance,
 * removes the deliveries settled longer than {@code retention} ago. Pending deliveries and attempts
 * in flight are never removed. Instances pruning at once remove the same documents once.
 */
@Component
class DeliveryLogPruner extends PeriodicTask {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLogPruner.class);

  private final DeliveryLog deliveries;
  private final Clock clock;
  private final Duration retention;

  DeliveryLogPruner(DeliveryLog deliveries, Clock clock, NotificationProperties properties) {
    super(
        properties.delivery().pruneInterval(),
        properties.delivery().pruneInterval(),
        "Pruning the delivery log");
    this.deliveries = deliveries;
    this.clock = clock;
    this.retention = properties.delivery().retention();
  }

  /** One pass; completes with how many deliveries it removed. */
  Mono<Long> prune() {
    return deliveries
        .pruneSettled(clock.instant().minus(retention))
        .doOnNext(
            removed -> {
              if (removed > 0) {
                log.info(
                    "Removed {} deliveries settled more than {} ago from the delivery log",
                    removed,
                    retention);
              }
            });
  }

  @Override
  Mono<Long> runOnce() {
    return prune();
  }
}
