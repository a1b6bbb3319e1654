package io.syncplan.executor.run;

import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunProgress;
import io.syncplan.contracts.run.RunRequested;
import io.syncplan.contracts.run.RunStarted;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.ledger.RunLedger;
import io.syncplan.executor.rclone.RcloneCommand;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneExit;
import io.syncplan.executor.rclone.RcloneReport;
import io.syncplan.executor.rclone.RcloneRunner;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Runs one claimed run on the calling thread: publishes its start, runs rclone while reporting
 * progress, publishes the outcome, then marks the run finished in the ledger.
 */
@Component
class RunWorker {

  private static final Logger log = LoggerFactory.getLogger(RunWorker.class);
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

  private final RcloneCommandBuilder commands;
  private final RcloneRunner rclone;
  private final RunEvents events;
  private final RunLedger ledger;
  private final LeaseKeeper leases;
  private final ExecutorProperties properties;
  private final Clock clock;

  RunWorker(
      RcloneCommandBuilder commands,
      RcloneRunner rclone,
      RunEvents events,
      RunLedger ledger,
      LeaseKeeper leases,
      ExecutorProperties properties,
      Clock clock) {
    this.commands = commands;
    this.rclone = rclone;
    this.events = events;
    this.ledger = ledger;
    this.leases = leases;
    this.properties = properties;
    this.clock = clock;
  }

  void run(LedgerEntry entry) {
    RunRequested command = entry.command();
    MDC.put("planId", command.planId());
    MDC.put("runId", command.runId());
    try {
      Instant startedAt = clock.instant();
      events.publish(
          new RunStarted(
              command.runId(), command.planId(), entry.attempt(), properties.id(), startedAt));
      RunFinished finished = execute(entry, startedAt);
      events.publish(finished);
      ledger.finish(entry).block(Duration.ofSeconds(30));
      log.info("Run {} of plan {} ended {}", command.runId(), command.planId(), finished.status());
    } finally {
      MDC.remove("planId");
      MDC.remove("runId");
    }
  }

  private RunFinished execute(LedgerEntry entry, Instant startedAt) {
    RunRequested command = entry.command();
    int attempt = entry.attempt();
    RcloneCommand rcloneCommand;
    try {
      rcloneCommand = commands.build(command.plan(), command.dryRun());
    } catch (UnsafeArgumentException e) {
      return failed(
          command,
          attempt,
          startedAt,
          new RunError("UNSAFE_ARGUMENT", e.getMessage(), null, List.of()));
    }
    log.info("Starting {}", rcloneCommand);
    ProgressThrottle throttle = new ProgressThrottle(clock, PROGRESS_INTERVAL);
    RcloneRunner.RunningRclone running = rclone.start(rcloneCommand);
    RcloneReport report;
    try (AutoCloseable lease = leases.keep(entry, running::stop)) {
      report =
          running.await(
              progress -> {
                if (throttle.tryPass()) {
                  events.publish(
                      new RunProgress(
                          command.runId(),
                          command.planId(),
                          progress.bytesDone(),
                          progress.bytesTotal(),
                          progress.filesDone(),
                          progress.filesTotal(),
                          progress.speedBytesPerSecond(),
                          progress.etaSeconds()));
                }
              });
    } catch (Exception e) {
      running.stop();
      throw new IllegalStateException("run " + command.runId() + " failed unexpectedly", e);
    }
    if (report.succeeded()) {
      return new RunFinished(
          command.runId(),
          command.planId(),
          RunStatus.SUCCEEDED,
          startedAt,
          clock.instant(),
          attempt,
          command.dryRun(),
          report.stats(),
          report.changes(),
          null);
    }
    RcloneExit exit = RcloneExit.of(report.exitCode());
    RunError error =
        new RunError(exit.reason(), report.errorMessage(), report.exitCode(), report.logTail());
    return new RunFinished(
        command.runId(),
        command.planId(),
        RunStatus.FAILED,
        startedAt,
        clock.instant(),
        attempt,
        command.dryRun(),
        report.stats(),
        report.changes(),
        error);
  }

  private RunFinished failed(RunRequested command, int attempt, Instant startedAt, RunError error) {
    return new RunFinished(
        command.runId(),
        command.planId(),
        RunStatus.FAILED,
        startedAt,
        clock.instant(),
        attempt,
        command.dryRun(),
        null,
        null,
        error);
  }
}
