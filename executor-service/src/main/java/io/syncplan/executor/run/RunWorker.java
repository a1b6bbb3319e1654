package io.syncplan.executor.run;

import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.ledger.RunLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Runs one claimed run to its end on the calling thread: its attempts, retried as the plan says
 * (each announced by a RETRYING event, each starting with a STARTED event), while its lease is
 * renewed; then its outcome is published and the run is marked finished in the ledger. A run
 * stopped because another executor took it over, or because this one shuts down, ends here without
 * an outcome: the run's next holder reports it.
 */
@Component
class RunWorker implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RunWorker.class);
  private static final Duration LEDGER_TIMEOUT = Duration.ofSeconds(30);
  private static final int FINAL_EVENT_TRIES = 5;

  /**
   * A run taken over from an executor that died gets at least one attempt even when its retries are
   * used up (the executor's death was not the run's failure), but a run whose executors keep dying
   * is given up after this many more.
   */
  private static final int TAKEOVERS_PAST_ATTEMPTS = 2;

  private final AttemptRunner attempts;
  private final RunEvents events;
  private final RunLedger ledger;
  private final LeaseKeeper leases;
  private final RunningRuns running;
  private final ExecutorProperties properties;
  private final RunMetrics metrics;
  private final Clock clock;
  private final ExecutorService attemptThreads =
      Executors.newCachedThreadPool(runnable -> new Thread(runnable, "run-attempt"));

  RunWorker(
      AttemptRunner attempts,
      RunEvents events,
      RunLedger ledger,
      LeaseKeeper leases,
      RunningRuns running,
      ExecutorProperties properties,
      RunMetrics metrics,
      Clock clock) {
    this.attempts = attempts;
    this.events = events;
    this.ledger = ledger;
    this.leases = leases;
    this.running = running;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
  }

  void run(LedgerEntry claimed) {
    RunRequested command = claimed.command();
    Map<String, String> context = Map.of("planId", command.planId(), "runId", command.runId());
    context.forEach(MDC::put);
    RunControl control = running.register(command.runId());
    AtomicReference<LedgerEntry> current = new AtomicReference<>(claimed);
    try (LeaseKeeper.Lease lease = leases.keep(claimed, control)) {
      AttemptResult result = attemptAll(claimed, current, control, context);
      control.awaitAttemptEnd();
      RunControl.StopReason stopped = control.stopReason();
      if (stopped == RunControl.StopReason.LEASE_LOST) {
        log.warn(
            "Run {} was taken over by another executor; leaving it to that one", command.runId());
        return;
      }
      if (stopped == RunControl.StopReason.SHUTDOWN) {
        log.info(
            "Run {} handed back for another executor: this one is shutting down", command.runId());
        lease.close();
        ledger.handBack(current.get()).block(LEDGER_TIMEOUT);
        return;
      }
      RunFinished finished = finished(current.get(), result);
      metrics.finished(finished, result.rcloneTime());
      publishFinal(finished);
      lease.close();
      ledger.finish(current.get()).block(LEDGER_TIMEOUT);
      log.info(
          "Run {} of plan {} ended {} after {} attempt(s){}",
          command.runId(),
          command.planId(),
          finished.status(),
          finished.attempts(),
          finished.error() == null ? "" : ": " + result.describe());
    } finally {
      running.remove(command.runId());
      context.keySet().forEach(MDC::remove);
    }
  }

  private AttemptResult attemptAll(
      LedgerEntry claimed,
      AtomicReference<LedgerEntry> current,
      RunControl control,
      Map<String, String> context) {
    PlanSnapshot plan = claimed.command().plan();
    int allowed = plan.retries().attempts();
    if (claimed.cancelRequested()) {
      control.stop(RunControl.StopReason.CANCEL_REQUESTED);
      return AttemptResult.cancelledBeforeStart();
    }
    if (claimed.attempt() > allowed + TAKEOVERS_PAST_ATTEMPTS) {
      return AttemptResult.refused(
          "EXECUTOR_LOST",
          "the executors running this run stopped "
              + (claimed.attempt() - 1)
              + " times; it is not started again");
    }
    AtomicReference<AttemptResult> last = new AtomicReference<>();
    AtomicBoolean first = new AtomicBoolean(true);
    ProgressReporter progress =
        new ProgressReporter(claimed.runId(), claimed.planId(), events, clock);
    Retry retry =
        RetryPlan.of(
            claimed.runId(),
            plan.retries(),
            Math.max(1, allowed - claimed.attempt() + 1),
            () -> control.stopReason() != null);
    retry
        .getEventPublisher()
        .onRetry(
            event ->
                events.publish(
                    new RunRetrying(
                        claimed.runId(),
                        claimed.planId(),
                        current.get().attempt(),
                        allowed,
                        last.get().describe(),
                        clock.instant().plus(event.getWaitInterval()))));
    Mono<AttemptResult> attempt =
        Mono.defer(
            () ->
                Mono.fromFuture(
                    CompletableFuture.supplyAsync(
                        () ->
                            attemptOnce(claimed, current, control, progress, first, last, context),
                        attemptThreads),
                    true));
    AttemptResult result =
        attempt
            .transformDeferred(RetryOperator.of(retry))
            .takeUntilOther(control.whenStopped())
            .block();
    control.awaitAttemptEnd();
    AttemptResult outcome = result != null ? result : last.get();
    if (control.stopReason() == RunControl.StopReason.CANCEL_REQUESTED) {
      return cancelled(outcome);
    }
    return outcome != null ? outcome : AttemptResult.cancelledBeforeStart();
  }

  private AttemptResult attemptOnce(
      LedgerEntry claimed,
      AtomicReference<LedgerEntry> current,
      RunControl control,
      ProgressReporter progress,
      AtomicBoolean first,
      AtomicReference<AttemptResult> last,
      Map<String, String> context) {
    context.forEach(MDC::put);
    control.attemptLock().lock();
    try {
      if (control.stopReason() != null) {
        return last.get();
      }
      LedgerEntry entry =
          first.getAndSet(false)
              ? claimed
              : ledger.nextAttempt(current.get()).block(LEDGER_TIMEOUT);
      if (entry == null) {
        control.stop(RunControl.StopReason.LEASE_LOST);
        return last.get();
      }
      Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      if (entry.startedAt() == null) {
        LedgerEntry started = ledger.recordStart(entry, startedAt).block(LEDGER_TIMEOUT);
        entry = started == null ? entry : started;
      }
      current.set(entry);
      events.publish(
          new RunStarted(
              entry.runId(), entry.planId(), entry.attempt(), properties.id(), startedAt));
      AttemptResult result;
      try {
        result = attempts.run(entry, control, progress);
      } catch (RuntimeException e) {
        log.error("Attempt {} of run {} failed unexpectedly", entry.attempt(), entry.runId(), e);
        result =
            new AttemptResult(
                RunStatus.FAILED,
                null,
                null,
                new RunError("EXECUTOR_ERROR", e.toString(), null, List.of()),
                true,
                null);
      }
      last.set(result);
      return result;
    } finally {
      control.attemptLock().unlock();
      context.keySet().forEach(MDC::remove);
    }
  }

  private static AttemptResult cancelled(AttemptResult last) {
    RunError error =
        new RunError(
            "CANCELLED",
            RunControl.StopReason.CANCEL_REQUESTED.describe(),
            last == null || last.error() == null ? null : last.error().exitCode(),
            last == null || last.error() == null ? List.of() : last.error().logTail());
    return new AttemptResult(
        RunStatus.CANCELLED,
        last == null ? null : last.stats(),
        last == null ? null : last.changes(),
        error,
        false,
        last == null ? null : last.rcloneTime());
  }

  private RunFinished finished(LedgerEntry entry, AttemptResult result) {
    RunRequested command = entry.command();
    return new RunFinished(
        command.runId(),
        command.planId(),
        result.status(),
        entry.startedAt() == null ? clock.instant() : entry.startedAt(),
        clock.instant(),
        entry.attempt(),
        command.dryRun(),
        result.stats(),
        result.changes(),
        result.error());
  }

  /** The outcome must get out: Kafka may be away for a moment, and the lease is still held. */
  private void publishFinal(RunFinished finished) {
    for (int tries = 1; ; tries++) {
      try {
        events.publish(finished);
        return;
      } catch (RuntimeException e) {
        if (tries == FINAL_EVENT_TRIES) {
          throw e;
        }
        log.warn(
            "Run {}: outcome not published yet, trying again: {}", finished.runId(), e.toString());
      }
    }
  }

  @Override
  public void destroy() {
    attemptThreads.shutdownNow();
  }
}
