package io.syncplan.executor.command;

import io.syncplan.contracts.Topics;
import io.syncplan.contracts.run.CancelRequested;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunHeld;
import io.syncplan.contracts.run.RunQueued;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.ledger.LedgerStatus;
import io.syncplan.executor.ledger.RunLedger;
import io.syncplan.executor.run.RunDispatcher;
import io.syncplan.executor.run.RunningRuns;
import io.syncplan.support.MessagePublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Takes run and cancel commands into the ledger. When this executor has a free slot and the run's
 * plan is free, it records the run already claimed here (its plan's lease first), announces it with
 * a QUEUED event and starts it: two synced writes and one broker answer before rclone. Any other
 * run is recorded once (ACCEPTED), announced, and only then made claimable, so that its QUEUED
 * event always comes before its STARTED one; a command redelivered half-way resumes where the first
 * delivery stopped. A command for a run the ledger already holds is answered with where the run
 * stands ({@link RunHeld}): plan-service sends a run's command again when its history shows the run
 * unfinished for long, to learn whether any executor still has it.
 */
@Component
class RunCommands {

  private static final Logger log = LoggerFactory.getLogger(RunCommands.class);

  private final RunLedger ledger;
  private final RunDispatcher dispatcher;
  private final RunningRuns running;
  private final MessagePublisher publisher;
  private final Clock clock;
  private final String pool;

  RunCommands(
      RunLedger ledger,
      RunDispatcher dispatcher,
      RunningRuns running,
      MessagePublisher publisher,
      ExecutorProperties properties,
      Clock clock) {
    this.ledger = ledger;
    this.dispatcher = dispatcher;
    this.running = running;
    this.publisher = publisher;
    this.clock = clock;
    this.pool = properties.pool();
  }

  Mono<Void> accept(RunRequested command, Map<String, String> traceHeaders) {
    boolean ownPool = pool.equals(command.plan().pool());
    if (!ownPool) {
      // Sent to the wrong topic: recorded for the plan's own pool, whose executors claim it.
      log.warn(
          "Run {} of plan {} belongs to pool {}, not {}; recorded for that pool",
          command.runId(),
          command.planId(),
          command.plan().pool(),
          pool);
    }
    Mono<Boolean> startedHere =
        ownPool
            ? dispatcher.startIfFree(
                ledger.recordClaimed(command, traceHeaders).flatMap(this::announce))
            : Mono.just(false);
    return startedHere.flatMap(started -> started ? Mono.empty() : record(command, traceHeaders));
  }

  /**
   * Publishes the QUEUED event of a run claimed here, before it starts (so it always comes before
   * its STARTED one). A run whose event cannot be sent does not start: its claim is taken back and
   * the command fails, to be delivered again.
   */
  private Mono<LedgerEntry> announce(LedgerEntry claimed) {
    return publisher
        .publish(Topics.RUN_EVENTS, queued(claimed.command()))
        .thenReturn(claimed)
        .onErrorResume(
            unsent ->
                ledger
                    .unclaim(claimed)
                    .onErrorResume(
                        failed -> {
                          // its leases lapse, and then any executor of the pool takes it over
                          log.warn("Run {} could not be handed back", claimed.runId(), failed);
                          return Mono.empty();
                        })
                    .then(Mono.error(unsent)));
  }

  /**
   * Records a run that does not start here at once: announced and made claimable, or, when the
   * ledger already holds it, answered with where it stands.
   */
  private Mono<Void> record(RunRequested command, Map<String, String> traceHeaders) {
    return ledger
        .record(command, traceHeaders)
        .flatMap(
            entry ->
                entry.status() == LedgerStatus.ACCEPTED
                    ? publisher
                        .publish(Topics.RUN_EVENTS, queued(command))
                        .then(ledger.markQueued(command.runId()))
                        .doOnSuccess(done -> dispatcher.wake())
                    : publisher.publish(Topics.EXECUTOR_RESULTS, held(entry)).then());
  }

  private RunHeld held(LedgerEntry entry) {
    RunHeld.State state =
        switch (entry.status()) {
          case FINISHED -> RunHeld.State.FINISHED;
          case RUNNING ->
              entry.leaseUntil() != null && entry.leaseUntil().isAfter(clock.instant())
                  ? RunHeld.State.RUNNING
                  : RunHeld.State.QUEUED;
          default -> RunHeld.State.QUEUED;
        };
    return new RunHeld(
        entry.runId(),
        entry.planId(),
        state,
        state == RunHeld.State.RUNNING ? entry.owner() : null,
        state == RunHeld.State.FINISHED ? entry.outcome() : null);
  }

  Mono<Void> cancel(CancelRequested cancel) {
    return ledger
        .requestCancel(cancel.runId())
        .switchIfEmpty(
            Mono.fromRunnable(
                () -> log.info("Cancel of run {} ignored: unknown or finished", cancel.runId())))
        .flatMap(this::stop);
  }

  private Mono<Void> stop(LedgerEntry entry) {
    if (entry.status() == LedgerStatus.ACCEPTED || entry.status() == LedgerStatus.QUEUED) {
      Instant now = clock.instant();
      RunFinished cancelled =
          new RunFinished(
              entry.runId(),
              entry.planId(),
              RunStatus.CANCELLED,
              now,
              now,
              0,
              entry.command().dryRun(),
              null,
              null,
              new RunError("CANCELLED", "cancelled on request before it started", null, List.of()),
              entry.command().kind());
      return publisher
          .publish(Topics.RUN_EVENTS, cancelled)
          .then(ledger.finishCancelled(entry.runId(), cancelled))
          .then();
    }
    // Running here: stopped at once. Running elsewhere: its executor sees the flag within a
    // claim interval.
    running.cancel(entry.runId());
    return Mono.empty();
  }

  private static RunQueued queued(RunRequested command) {
    return new RunQueued(
        command.runId(),
        command.planId(),
        command.trigger(),
        command.scheduledAt(),
        command.priority(),
        command.dryRun(),
        command.triggeredBy(),
        command.kind());
  }
}
