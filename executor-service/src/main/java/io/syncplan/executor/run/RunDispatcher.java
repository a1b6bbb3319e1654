package io.syncplan.executor.run;

import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.HeldRuns;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.ledger.RunLedger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts waiting runs while this executor has free slots (its concurrency): the rest wait in the
 * ledger, where any executor of the pool may take them, so a burst of commands costs memory in
 * MongoDB, not here. It claims when woken (a command arrived, a run ended) and at a steady interval
 * (to find runs other executors accepted, and runs whose executor died), and on the same beat looks
 * for cancel requests of the runs it holds. Nothing here runs on a Kafka consumer thread, so a long
 * run never holds up the consumer.
 *
 * <p>On shutdown it stops its runs' rclone processes and hands the runs back to the ledger, where
 * another executor takes them over at once.
 */
@Component
public class RunDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);
  private static final Duration LEDGER_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

  private final RunLedger ledger;
  private final HeldRuns held;
  private final RunWorker worker;
  private final RunningRuns running;
  private final ExecutorProperties properties;
  private final Semaphore slots;
  private volatile ScheduledExecutorService claimer;
  private volatile ExecutorService runners;
  private volatile boolean started;

  RunDispatcher(
      RunLedger ledger,
      HeldRuns held,
      RunWorker worker,
      RunningRuns running,
      ExecutorProperties properties) {
    this.ledger = ledger;
    this.held = held;
    this.worker = worker;
    this.running = running;
    this.properties = properties;
    this.slots = new Semaphore(properties.concurrency());
  }

  /** Looks for a run to start now, on the claimer thread. */
  public void wake() {
    ScheduledExecutorService current = claimer;
    if (started && current != null) {
      try {
        current.execute(this::claimWhileFree);
      } catch (RejectedExecutionException stopping) {
        // Stopping: the runs waiting in the ledger are taken by another executor or at restart.
      }
    }
  }

  /** Free slots: runs this executor could start now. */
  public int freeSlots() {
    return slots.availablePermits();
  }

  private void tick() {
    stopCancelledRuns();
    claimWhileFree();
  }

  private void stopCancelledRuns() {
    if (running.count() == 0) {
      return;
    }
    try {
      List<String> cancelled = held.cancelRequestedHere().collectList().block(LEDGER_TIMEOUT);
      if (cancelled != null) {
        cancelled.forEach(running::cancel);
      }
    } catch (RuntimeException e) {
      log.warn("Could not look for cancel requests: {}", e.toString());
    }
  }

  private void claimWhileFree() {
    while (started && slots.tryAcquire()) {
      LedgerEntry claimed;
      try {
        claimed = ledger.claimNext().block(LEDGER_TIMEOUT);
      } catch (RuntimeException e) {
        slots.release();
        log.warn("Could not claim a run: {}", e.toString());
        return;
      }
      if (claimed == null) {
        slots.release();
        return;
      }
      try {
        runners.execute(() -> runAndFreeSlot(claimed));
      } catch (RejectedExecutionException stopping) {
        slots.release();
        held.handBack(claimed).block(LEDGER_TIMEOUT);
        return;
      }
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

  /** Starts claiming; after a {@link #stop()}, starts again with fresh threads. */
  @Override
  public synchronized void start() {
    runners =
        Executors.newFixedThreadPool(
            properties.concurrency(), runnable -> new Thread(runnable, "run-worker"));
    claimer =
        Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "run-claimer"));
    started = true;
    long interval = properties.claimInterval().toMillis();
    claimer.scheduleWithFixedDelay(this::tick, 0, interval, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (!started) {
      return;
    }
    started = false;
    claimer.shutdownNow();
    running.stopAll(RunControl.StopReason.SHUTDOWN);
    runners.shutdown();
    try {
      if (!runners.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Runs still stopping after {}; their leases will lapse", SHUTDOWN_WAIT);
        runners.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runners.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return started;
  }
}
