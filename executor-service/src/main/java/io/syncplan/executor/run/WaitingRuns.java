package io.syncplan.executor.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.RunLedger;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The {@code syncplan.executor.runs.waiting} gauge: the runs of this executor's pool waiting in the
 * ledger for a free executor, what an autoscaler (KEDA) scales the pool on. Every executor of the
 * pool reports the same number. It is counted on a schedule of its own, never while Prometheus
 * scrapes, so a slow MongoDB never slows a scrape down; the last count stays when MongoDB does not
 * answer.
 */
@Component
class WaitingRuns implements InitializingBean, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WaitingRuns.class);
  private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(10);

  private final RunLedger ledger;
  private final Duration interval;
  private final AtomicLong waiting = new AtomicLong();
  private final ScheduledExecutorService counter =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "runs-waiting-gauge");
            thread.setDaemon(true);
            return thread;
          });

  WaitingRuns(RunLedger ledger, ExecutorProperties properties, MeterRegistry registry) {
    this.ledger = ledger;
    this.interval = properties.waitingRefreshInterval();
    Gauge.builder("syncplan.executor.runs.waiting", waiting, AtomicLong::get)
        .description("Runs of the pool waiting in the ledger for a free executor")
        .tag("pool", properties.pool())
        .register(registry);
  }

  @Override
  public void afterPropertiesSet() {
    counter.scheduleWithFixedDelay(this::count, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void count() {
    try {
      Long counted = ledger.countWaiting().block(COUNT_TIMEOUT);
      if (counted != null) {
        waiting.set(counted);
      }
    } catch (RuntimeException e) {
      log.debug("Could not count the waiting runs: {}", e.toString());
    }
  }

  @Override
  public void destroy() {
    counter.shutdownNow();
  }
}
