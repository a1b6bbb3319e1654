package io.syncplan.executor.run;

import io.micrometer.observation.ObservationRegistry;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.executor.hook.RunHooks;
import io.syncplan.executor.ledger.HeldRuns;
import io.syncplan.executor.ledger.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs one claimed run to its end on the calling thread: its attempts, retried as the plan says
 * (each announced by a RETRYING event, each starting with a STARTED event), while its lease is
 * renewed; then its outcome is published and the run is marked finished in the ledger. A run
 * stopped because another executor took it over, or because this one shuts down, ends here without
 * an outcome: the run's next holder reports it. Everything it logs, on whichever thread, carries
 * the run's {@code planId} and {@code runId}, and continues the trace of the command (see {@link
 * RunContext}).
 */
@Component
class RunWorker {

  private static final Logger log = LoggerFactory.getLogger(RunWorker.class);
  private static final Duration LEDGER_TIMEOUT = Duration.ofSeconds(30);
  private static final int FINAL_EVENT_TRIES = 5;

  private final RunAttempts attempts;
  private final RunEvents events;
  private final HeldRuns held;
  private final LeaseKeeper leases;
  private final RunningRuns running;
  private final RunMetrics metrics;
  private final RunHooks hooks;
  private final ObservationRegistry observations;
  private final Clock clock;

  RunWorker(
      RunAttempts attempts,
      RunEvents events,
      HeldRuns held,
      LeaseKeeper leases,
      RunningRuns running,
      RunMetrics metrics,
      RunHooks hooks,
      ObjectProvider<ObservationRegistry> observations,
      Clock clock) {
    this.attempts = attempts;
    this.hooks = hooks;
    this.events = events;
    this.held = held;
    this.leases = leases;
    this.running = running;
    this.metrics = metrics;
    this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
    this.clock = clock;
  }

  void run(LedgerEntry claimed) {
    RunContext context = RunContext.start(claimed, observations);
    try {
      context.run(() -> runInContext(claimed, context));
    } catch (RuntimeException e) {
      context.error(e);
      throw e;
    } finally {
      context.stop();
    }
  }

  private void runInContext(LedgerEntry claimed, RunContext context) {
    RunRequested command = claimed.command();
    RunControl control = running.register(command.runId());
    AtomicReference<LedgerEntry> current = new AtomicReference<>(claimed);
    try (LeaseKeeper.Lease lease = leases.keep(claimed, control, context)) {
      AttemptResult result = attempts.runAll(claimed, current, control, context);
      control.awaitAttemptEnd();
      RunControl.StopReason stopped = control.stopReason();
      if (stopped == RunControl.StopReason.LEASE_LOST) {
        log.warn(
            "Run {} was taken over by another executor; leaving it to that one", command.runId());
        return;
      }
      if (stopped == RunControl.StopReason.LEASE_EXPIRING) {
        log.warn(
            "Run {} stopped: its lease could not be renewed; it is taken over once the lease"
                + " lapses",
            command.runId());
        return;
      }
      if (stopped == RunControl.StopReason.SHUTDOWN) {
        log.info(
            "Run {} handed back for another executor: this one is shutting down", command.runId());
        lease.close();
        held.handBack(current.get()).block(LEDGER_TIMEOUT);
        metrics.handedBack();
        return;
      }
      RunFinished finished = finished(current.get(), result);
      hooks.after(command, finished, events::publish);
      metrics.finished(finished, command.plan().mode(), result.rcloneTime());
      publishFinal(finished);
      lease.close();
      held.finish(current.get(), finished).block(LEDGER_TIMEOUT);
      log.info(
          "Run {} of plan {} ended {} after {} attempt(s){}",
          command.runId(),
          command.planId(),
          finished.status(),
          finished.attempts(),
          finished.error() == null ? "" : ": " + result.describe());
    } finally {
      running.remove(command.runId());
    }
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
        result.error(),
        command.kind());
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
}
