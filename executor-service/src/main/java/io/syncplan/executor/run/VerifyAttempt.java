package io.syncplan.executor.run;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.plan.VerifyMethod;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.history.CheckResults;
import io.syncplan.executor.history.PlanLocations;
import io.syncplan.executor.ledger.LedgerEntry;
import io.syncplan.executor.rclone.FilterRules;
import io.syncplan.executor.rclone.HistoryCommands;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneLogParser;
import io.syncplan.executor.rclone.RcloneReport;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.storage.UnreadableSecretException;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * One attempt of a VERIFY run: {@code rclone check} (through encryption, {@code rclone cryptcheck}
 * for checksums) of the destination against the source under the plan's filters, changing nothing
 * on either side. It ends SUCCEEDED when the two match and PARTIAL when they differ, listing the
 * matching, differing, missing and extra paths. A COPY plan keeps files the source no longer has,
 * so its check looks one way only: extra files are not counted against it.
 */
@Component
class VerifyAttempt {

  static final String DIFFERENCES_FOUND = "DIFFERENCES_FOUND";
  static final String UNREADABLE_FILES = "UNREADABLE_FILES";

  private final PlanLocations locations;
  private final HistoryCommands commands;
  private final ControlledRclone rclone;
  private final ExecutorProperties properties;

  VerifyAttempt(
      PlanLocations locations,
      HistoryCommands commands,
      ControlledRclone rclone,
      ExecutorProperties properties) {
    this.locations = locations;
    this.commands = commands;
    this.rclone = rclone;
    this.properties = properties;
  }

  AttemptResult run(LedgerEntry entry, RunControl control, ProgressReporter progress) {
    PlanSnapshot plan = entry.command().plan();
    VerifyMethod method = entry.command().verify().method();
    try (RunWorkspace workspace =
        RunWorkspace.create(properties.workDir(), entry.runId(), entry.attempt())) {
      locations.check(plan);
      RcloneLocation source = locations.source(plan);
      RcloneLocation destination = locations.destination(plan);
      Path filterFile = workspace.filterFile(FilterRules.of(plan.filters()));
      Path combined = workspace.file("combined.txt");
      Optional<ControlledRclone.Finished> done =
          rclone.run(
              commands.check(
                  source,
                  destination,
                  method,
                  plan.encryption() != null,
                  plan.mode() == SyncMode.COPY,
                  filterFile,
                  combined),
              control,
              false,
              progress::report);
      if (done.isEmpty()) {
        return AttemptResult.cancelledBeforeStart();
      }
      RcloneReport report = done.get().report();
      if (control.stopReason() != null) {
        return Outcomes.of(report, plan.mode(), control.stopReason());
      }
      CheckResults results = CheckResults.read(combined, RcloneLogParser.MAX_LISTED_PATHS);
      return outcome(report, results, plan);
    } catch (UnsafeArgumentException e) {
      return AttemptResult.refused(AttemptRunner.INVALID_PLAN, e.getMessage());
    } catch (UnreadableSecretException e) {
      return AttemptResult.refused("SECRET_UNREADABLE", e.getMessage());
    }
  }

  /**
   * rclone check exits 1 both when the sides differ and when it could not compare: the report tells
   * them apart. Files it could not read make the run FAILED (and retried, as rclone's error may
   * pass); differences alone make it PARTIAL.
   */
  private static AttemptResult outcome(
      RcloneReport report, CheckResults results, PlanSnapshot plan) {
    RunStats stats =
        new RunStats(
            0,
            0,
            0,
            0,
            report.stats().bytesTransferred(),
            results.matching() + results.differing() + results.missingAtDestination(),
            results.unreadable(),
            0,
            0L,
            results.matching(),
            results.differing(),
            results.missingAtDestination(),
            results.extraAtDestination());
    boolean compared = results.unreadable() == 0;
    if (compared && results.differences() == 0 && report.succeeded()) {
      return new AttemptResult(
          RunStatus.SUCCEEDED, stats, results.changes(), null, false, report.elapsed());
    }
    if (compared && results.differences() > 0 && report.exitCode() <= 1) {
      RunError error =
          new RunError(
              DIFFERENCES_FOUND,
              results.differences()
                  + " difference(s): "
                  + results.differing()
                  + " differ, "
                  + results.missingAtDestination()
                  + " missing at the destination, "
                  + results.extraAtDestination()
                  + " extra at the destination",
              report.exitCode(),
              report.logTail());
      return new AttemptResult(
          RunStatus.PARTIAL, stats, results.changes(), error, false, report.elapsed());
    }
    AttemptResult failed = Outcomes.of(report, plan.mode(), null);
    RunError error =
        compared
            ? failed.error()
            : new RunError(
                UNREADABLE_FILES,
                results.unreadable()
                    + " file(s) could not be compared"
                    + (report.errorMessage() == null ? "" : ": " + report.errorMessage()),
                report.exitCode(),
                report.logTail());
    return new AttemptResult(
        RunStatus.FAILED,
        stats,
        results.changes(),
        error,
        compared ? failed.retryable() : true,
        report.elapsed());
  }
}
