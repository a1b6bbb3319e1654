package io.syncplan.plan.config;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Starts a periodic pass that runs on its own (subscribed, not awaited by the scheduler's thread)
 * only when the one before it has ended: a tick that comes while a pass runs is dropped. Without
 * it, a pass slower than its interval (a first outbox sweep reading 100,000 plans on the embedded
 * store) is started again at every tick, and the passes pile up on the store.
 */
public final class OnePassAtATime {

  private static final Logger log = LoggerFactory.getLogger(OnePassAtATime.class);

  private final String name;
  private final AtomicBoolean running = new AtomicBoolean();

  /**
   * @param name what a pass does, as its failure is logged, for example "Outbox sweep"
   */
  public OnePassAtATime(String name) {
    this.name = name;
  }

  /** Starts {@code pass} unless one is still running; a failed pass is logged. */
  public void start(Supplier<Mono<?>> pass) {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    Mono.defer(pass)
        .doFinally(signal -> running.set(false))
        .subscribe(null, error -> log.warn("{} failed: {}", name, error.toString()));
  }
}
