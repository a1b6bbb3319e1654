package io.syncplan.executor.run;

import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunRetrying;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.hook.RunHooks;
import io.syncplan.executor.ledger.HeldRuns;
import io.syncplan.executor.ledger.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A run's attempts, retried as its plan says with resilience4j: each attempt starts with a STARTED
 * event and is counted in the ledger, each retry is announced by a RETRYING event. Attempts run on
 * threads of their own (rclone blocks), never on the retry's timer thread; a stop ends a wait
 * between attempts at once and a running attempt as soon as its rclone is killed.
 */
@Component
class RunAttempts implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RunAttempts.class);
  private static final Duration LEDGER_TIMEOUT = Duration.ofSeconds(30);

  /**
   * A run taken over from an executor that died gets at least one attempt even when its retries are
   * used up (the executor's death was not the run's failure), but a run whose executors keep dying
   * is given up after this many more.
   */
  private static final int TAKEOVERS_PAST_ATTEMPTS = 2;

  private final AttemptRunner attempts;
  private final RunEvents events;
  private final HeldRuns held;
  private final ExecutorProperties properties;
  private final RunMetrics metrics;
  private final RunHooks hooks;
  private final Clock clock;

  /**
   * One thread per run at once: a run's worker waits for its attempt to end before the next, so the
   * run concurrency bounds them.
   */
  private final ExecutorService attemptThreads;

  RunAttempts(
      AttemptRunner attempts,
      RunEvents events,
      HeldRuns held,
      ExecutorProperties properties,
      RunMetrics metrics,
      RunHooks hooks,
      Clock clock) {
    this.attempts = attempts;
    this.hooks = hooks;
    this.events = events;
    this.held = held;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
    this.attemptThreads =
        Executors.newFixedThreadPool(
            properties.concurrency(), new CustomizableThreadFactory("run-attempt-"));
  }

  /**
   * Runs the attempts and returns how the last one ended (CANCELLED if the run was stopped on
   * request); {@code current} follows the run's ledger entry, attempt by attempt.
   */
  AttemptResult runAll(
      LedgerEntry claimed,
      AtomicReference<LedgerEntry> current,
      RunControl control,
      RunContext context) {
    PlanSnapshot plan = claimed.command().plan();
    int allowed = plan.retries().attempts();
    if (claimed.cancelRequested()) {
      control.stop(RunControl.StopReason.CANCEL_REQUESTED);
      return AttemptResult.cancelledBeforeStart();
    }
    if (claimed.attempt() > allowed + TAKEOVERS_PAST_ATTEMPTS) {
      control.complete();
      return AttemptResult.refused(
          "EXECUTOR_LOST",
          "the executors running this run stopped "
              + (claimed.attempt() - 1)
              + " times; it is not started again");
    }
    Optional<RunError> hookFailure = hooks.before(claimed.command(), events::publish);
    if (hookFailure.isPresent()) {
      control.complete();
      return new AttemptResult(RunStatus.FAILED, null, null, hookFailure.get(), false, null);
    }
    AtomicReference<AttemptResult> last = new AtomicReference<>();
    AtomicBoolean first = new AtomicBoolean(true);
    ProgressReporter progress =
        new ProgressReporter(claimed.runId(), claimed.planId(), events, clock, context);
    Retry retry =
        RetryPlan.of(
            claimed.runId(),
            plan.retries(),
            Math.max(1, allowed - claimed.attempt() + 1),
            () -> !control.mayRetry());
    retry
        .getEventPublisher()
        .onRetry(
            event ->
                context.run(
                    () -> {
                      control.waitsToRetry();
                      metrics.retried(plan);
                      log.info(
                          "Run {}: attempt {} of {} failed ({}); retrying in {}",
                          claimed.runId(),
                          current.get().attempt(),
                          allowed,
                          last.get().describe(),
                          event.getWaitInterval());
                      events.publish(
                          new RunRetrying(
                              claimed.runId(),
                              claimed.planId(),
                              current.get().attempt(),
                              allowed,
                              last.get().describe(),
                              clock.instant().plus(event.getWaitInterval())));
                    }));
    Mono<AttemptResult> attempt =
        Mono.defer(
            () ->
                Mono.fromFuture(
                    CompletableFuture.supplyAsync(
                        () ->
                            context.call(
                                () ->
                                    attemptOnce(claimed, current, control, progress, first, last)),
                        attemptThreads),
                    true));
    AttemptResult result =
        attempt
            .transformDeferred(RetryOperator.of(retry))
            .takeUntilOther(control.whenStopped())
            .block();
    control.awaitAttemptEnd();
    control.complete();
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
      AtomicReference<AttemptResult> last) {
    control.attemptLock().lock();
    try {
      if (control.stopReason() != null) {
        return last.get();
      }
      control.attemptStarts();
      LedgerEntry entry =
          first.getAndSet(false) ? claimed : held.nextAttempt(current.get()).block(LEDGER_TIMEOUT);
      if (entry == null) {
        control.stop(RunControl.StopReason.LEASE_LOST);
        return last.get();
      }
      Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      // The STARTED event and the run's start time in the ledger are on their way while rclone
      // starts, not waited for first (a broker answer and a synced store write off every run's
      // path); both are awaited before the attempt's outcome. The event is handed to Kafka before
      // rclone starts, so every later event of the run (progress, outcome) lands after it.
      RunEvents.Sent announced =
          events.send(
              new RunStarted(
                  entry.runId(), entry.planId(), entry.attempt(), properties.id(), startedAt));
      CompletableFuture<LedgerEntry> recorded =
          entry.startedAt() == null
              ? held.recordStart(entry, startedAt).toFuture()
              : CompletableFuture.completedFuture(entry);
      if (entry.startedAt() == null) {
        entry = entry.withStartedAt(startedAt);
      }
      current.set(entry);
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
      announced.await();
      LedgerEntry started = Mono.fromFuture(recorded).block(LEDGER_TIMEOUT);
      if (started != null) {
        current.set(started);
      }
      last.set(result);
      return result;
    } finally {
      control.attemptLock().unlock();
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

  @Override
  public void destroy() {
    attemptThreads.shutdownNow();
  }
}
