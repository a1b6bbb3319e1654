package io.syncplan.notification.delivery;

import io.syncplan.notification.config.NotificationProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the delivery log from growing for ever: every {@code prune-interval}, on every instance,
 * removes the deliveries settled longer than {@code retention} ago. Pending deliveries and attempts
 * in flight are never removed. Instances pruning at once remove the same documents once.
 */
@Component
class DeliveryLogPruner implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeliveryLogPruner.class);

  private final DeliveryLog deliveries;
  private final Clock clock;
  private final Duration retention;
  private final Duration interval;
  private volatile Disposable pruning;

  DeliveryLogPruner(DeliveryLog deliveries, Clock clock, NotificationProperties properties) {
    this.deliveries = deliveries;
    this.clock = clock;
    this.retention = properties.delivery().retention();
    this.interval = properties.delivery().pruneInterval();
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
  public void start() {
    pruning =
        Flux.interval(interval)
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    prune()
                        .onErrorResume(
                            error -> {
                              log.warn("Pruning the delivery log failed: {}", error.toString());
                              return Mono.empty();
                            }),
                1)
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable current = pruning;
    if (current != null) {
      current.dispose();
    }
    pruning = null;
  }

  @Override
  public boolean isRunning() {
    return pruning != null;
  }
}
