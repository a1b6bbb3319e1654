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
 * Takes run and cancel commands into the ledger. A run is recorded once (ACCEPTED), announced with
 * a QUEUED event, and only then made claimable, so that its QUEUED event always comes before its
 * STARTED one; a command redelivered half-way resumes where the first delivery stopped. When this
 * executor has a free slot, it claims the announced run itself straight away instead (its plan's
 * lease taken as in any claim), which spares the run a synced write and a claim's reads. A command
 * for a run the ledger already holds is answered with where the run stands ({@link RunHeld}):
 * plan-service sends a run's command again when its history shows the run unfinished for long, to
 * learn whether any executor still has it.
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
    if (!pool.equals(command.plan().pool())) {
      // Sent to the wrong topic: recorded for the plan's own pool, whose executors claim it.
      log.warn(
          "Run {} of plan {} belongs to pool {}, not {}; recorded for that pool",
          command.runId(),
          command.planId(),
          command.plan().pool(),
          pool);
    }
    return ledger
        .record(command, traceHeaders)
        .flatMap(
            entry ->
                entry.status() == LedgerStatus.ACCEPTED
                    ? publisher
                        .publish(Topics.RUN_EVENTS, queued(command))
                        .then(dispatcher.startIfFree(ledger.claimAccepted(entry)))
                        .flatMap(
                            startedHere ->
                                startedHere
                                    ? Mono.<Void>empty()
                                    : ledger
                                        .markQueued(command.runId())
                                        .doOnSuccess(done -> dispatcher.wake()))
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
