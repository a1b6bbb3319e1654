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
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Starts waiting runs while this executor has free slots (its concurrency): the rest wait in the
 * ledger, where any executor of the pool may take them, so a burst of commands costs memory in
 * MongoDB, not here. It claims when woken (a command arrived, a run ended) and at a steady interval
 * (to find runs other executors accepted, and runs whose executor died), and on the same beat looks
 * for cancel requests of the runs it holds. Nothing here runs on a Kafka consumer thread, so a long
 * run never holds up the consumer.
 *
 * <p>On shutdown (SIGTERM) it drains: it stops claiming, hands back at once the runs waiting to
 * retry, and lets running attempts finish within the shutdown grace period; then it stops the
 * rclone processes still running and hands their runs back to the ledger, where another executor of
 * the pool takes them over at once. Their leases are renewed and their events published all the
 * while: it stops before the beans it needs (the Kafka listeners stop after it, the producer,
 * MongoDB and the heartbeat thread are closed after every lifecycle bean stopped).
 */
@Component
public class RunDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunDispatcher.class);
  private static final Duration LEDGER_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);
  private static final Duration CLAIM_WAIT = Duration.ofSeconds(2);

  private final RunLedger ledger;
  private final HeldRuns held;
  private final RunWorker worker;
  private final RunningRuns running;
  private final RunMetrics metrics;
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
      RunMetrics metrics,
      ExecutorProperties properties) {
    this.ledger = ledger;
    this.held = held;
    this.worker = worker;
    this.running = running;
    this.metrics = metrics;
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

  /**
   * Starts the run {@code claim} takes when this executor has a free slot, on a worker thread; true
   * when it did (or handed it back, shutting down). Nothing is claimed without a free slot, and a
   * claim that takes nothing, or fails, frees the slot again.
   */
  public Mono<Boolean> startIfFree(Mono<LedgerEntry> claim) {
    return Mono.defer(
        () -> started && slots.tryAcquire() ? claimIntoSlot(claim) : Mono.just(false));
  }

  private Mono<Boolean> claimIntoSlot(Mono<LedgerEntry> claim) {
    return claim
        .flatMap(
            claimed -> {
              if (started) {
                try {
                  runners.execute(() -> runAndFreeSlot(claimed));
                  return Mono.just(true);
                } catch (RejectedExecutionException stopping) {
                  // handed back below
                }
              }
              slots.release();
              return handBack(claimed).thenReturn(true);
            })
        .switchIfEmpty(Mono.fromSupplier(() -> false).doOnNext(none -> slots.release()))
        .doOnError(error -> slots.release());
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
      if (!started) {
        // Claimed while the shutdown began: another executor starts it instead.
        slots.release();
        handBackUnstarted(claimed);
        return;
      }
      try {
        runners.execute(() -> runAndFreeSlot(claimed));
      } catch (RejectedExecutionException stopping) {
        slots.release();
        handBackUnstarted(claimed);
        return;
      }
    }
  }

  private void handBackUnstarted(LedgerEntry claimed) {
    handBack(claimed).block(LEDGER_TIMEOUT);
  }

  private Mono<Void> handBack(LedgerEntry claimed) {
    return held.handBack(claimed)
        .doOnSuccess(
            done -> {
              metrics.handedBack();
              try (MDC.MDCCloseable plan = MDC.putCloseable("planId", claimed.planId());
                  MDC.MDCCloseable run = MDC.putCloseable("runId", claimed.runId())) {
                log.info(
                    "Run {} handed back unstarted: this executor is shutting down",
                    claimed.runId());
              }
            });
  }

  private void runAndFreeSlot(LedgerEntry entry) {
    try {
      worker.run(entry);
    } catch (RuntimeException e) {
      try (MDC.MDCCloseable plan = MDC.putCloseable("planId", entry.planId());
          MDC.MDCCloseable run = MDC.putCloseable("runId", entry.runId())) {
        log.error(
            "Run {} stopped unexpectedly; its lease will lapse and it will be taken over",
            entry.runId(),
            e);
      }
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
            properties.concurrency(), new CustomizableThreadFactory("run-worker-"));
    claimer =
        Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "run-claimer"));
    started = true;
    long interval = properties.claimInterval().toMillis();
    claimer.scheduleWithFixedDelay(this::tick, 0, interval, TimeUnit.MILLISECONDS);
  }

  /**
   * Drains this executor (see the class comment); returns once every run it held has ended or been
   * handed back, at most the grace period and {@link #SHUTDOWN_WAIT} later. It blocks the caller
   * (Spring's shutdown), so the context's later phases wait for it.
   */
  @Override
  public synchronized void stop() {
    if (!started) {
      return;
    }
    started = false;
    Duration grace = properties.shutdownGracePeriod();
    try {
      // A claim under way ends (and hands its run back) before the runs are drained; one that
      // hangs (MongoDB away) is interrupted, and its run, if claimed, is taken over once its lease
      // lapses.
      claimer.shutdown();
      if (!claimer.awaitTermination(CLAIM_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        claimer.shutdownNow();
      }
      if (running.count() > 0) {
        log.info(
            "Shutting down: {} run(s) may finish within {}; runs waiting to retry are handed back"
                + " now",
            running.count(),
            grace);
      }
      running.drain();
      runners.shutdown();
      if (!runners.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.info(
            "Shutdown grace period of {} is over: stopping runs {} and handing them back",
            grace,
            running.runIds());
        running.stopAll(RunControl.StopReason.SHUTDOWN);
        if (!runners.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("Runs still stopping after {}; their leases will lapse", SHUTDOWN_WAIT);
          runners.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.stopAll(RunControl.StopReason.SHUTDOWN);
      claimer.shutdownNow();
      runners.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return started;
  }
}
