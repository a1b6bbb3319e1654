package io.syncplan.executor.run;

import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.ledger.RunLedger;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts waiting runs while this executor has free slots. It claims from the ledger when woken (a
 * command arrived, a run ended) and at a steady interval (to find runs other executors accepted,
 * and runs whose executor died). Runs go to a pool of as many threads as slots; nothing here runs
 * on a Kafka consumer thread, so a long run never holds up the consumer.
 */
@Component
public class RunDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);

  private final RunLedger ledger;
  private final RunWorker worker;
  private final ExecutorProperties properties;
  private final Semaphore slots;
  private final ScheduledExecutorService claimer =
      Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "run-claimer"));
  private final ExecutorService runners;
  private volatile boolean running;

  RunDispatcher(RunLedger ledger, RunWorker worker, ExecutorProperties properties) {
    this.ledger = ledger;
    this.worker = worker;
    this.properties = properties;
    this.slots = new Semaphore(properties.concurrency());
    this.runners =
        Executors.newFixedThreadPool(
            properties.concurrency(), runnable -> new Thread(runnable, "run-worker"));
  }

  /** Looks for a run to start now, on the claimer thread. */
  public void wake() {
    if (running) {
      claimer.execute(this::claimWhileFree);
    }
  }

  private void claimWhileFree() {
    while (running && slots.tryAcquire()) {
      LedgerEntry claimed;
      try {
        claimed = ledger.claimNext().block(Duration.ofSeconds(30));
      } catch (RuntimeException e) {
        slots.release();
        log.warn("Could not claim a run: {}", e.toString());
        return;
      }
      if (claimed == null) {
        slots.release();
        return;
      }
      runners.execute(() -> runAndFreeSlot(claimed));
    }
  }

  private void runAndFreeSlot(LedgerEntry entry) {
    try {
      worker.run(entry);
    } catch (RuntimeException e) {
      log.error(
          "Run {} stopped unexpectedly; its lease will lapse and it will be taken over",
          entry.runId(),
          e);
    } finally {
      slots.release();
      wake();
    }
  }

  @Override
  public void start() {
    running = true;
    long interval = properties.claimInterval().toMillis();
    claimer.scheduleWithFixedDelay(this::claimWhileFree, 0, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    claimer.shutdownNow();
    runners.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
