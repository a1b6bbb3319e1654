package io.syncplan.notification.delivery;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A pass run every {@code interval} while the application runs. Passes never overlap: a tick that
 * comes while one still runs is dropped. A failed pass is logged and the next tick runs as usual,
 * so one store outage does not end the task.
 */
abstract class PeriodicTask implements SmartLifecycle {

  private final Logger log = LoggerFactory.getLogger(getClass());
  private final Flux<Long> ticks;
  private final String name;
  private volatile Disposable running;

  /**
   * @param name what a pass does, as the log says it failed, for example "Delivery sweep"
   */
  PeriodicTask(Duration firstAfter, Duration interval, String name) {
    this.ticks = Flux.interval(firstAfter, interval).onBackpressureDrop();
    this.name = name;
  }

  /** One pass. */
  abstract Mono<?> runOnce();

  @Override
  public void start() {
    running =
        ticks
            .concatMap(
                tick ->
                    runOnce()
                        .onErrorResume(
                            error -> {
                              log.warn("{} failed: {}", name, error.toString());
                              return Mono.empty();
                            }),
                1)
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable current = running;
    if (current != null) {
      current.dispose();
    }
    running = null;
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }
}
