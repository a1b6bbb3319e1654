package io.syncplan.executor.run;

import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.rclone.ChangeReports;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneExit;
import io.syncplan.executor.rclone.Transfer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stops a mirror before it deletes most of its destination, for example because the source disk is
 * not mounted and its folder looks empty, without walking the two sides more often than rclone
 * itself when there is nothing to delete.
 *
 * <p>The run first goes with rclone's {@code --max-delete 0}: rclone deletes after its transfers,
 * so a run with nothing to delete (most runs, and every run without changes) completes in that one
 * walk, and one with deletions due ends having deleted nothing. Only then is the destination
 * counted (as the run's filters see it) and the deletions due counted (from rclone's report of
 * files missing on the source, 1.66 and later, or a dry run before that): when the destination
 * holds at least the plan's minimum and the run would delete more than the plan's share of it, the
 * run fails with {@code SAFETY_ABORT}, having deleted nothing; otherwise it runs again with {@code
 * --max-delete} at the allowed count, in case the source changes in between.
 */
@Component
class MassDeletionGuard {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RcloneCommandBuilder commands;
  private final ControlledRclone rclone;

  MassDeletionGuard(RcloneCommandBuilder commands, ControlledRclone rclone) {
    this.commands = commands;
    this.rclone = rclone;
  }

  /**
   * Runs {@code transfer} through {@code execute} under the plan's guard.
   *
   * @param execute runs one rclone transfer and says how it ended
   */
  AttemptResult run(
      PlanSnapshot plan,
      Transfer transfer,
      RunControl control,
      Function<Transfer, AttemptResult> execute) {
    DeletionGuard guard = plan.deletionGuard();
    if (!guard.enabled() || !plan.mode().deletesAtDestination() || transfer.dryRun()) {
      return execute.apply(transfer);
    }
    AttemptResult first = execute.apply(transfer.withMaxDelete(0L));
    if (!deletionsHeldBack(first) || control.stopReason() != null) {
      return first;
    }
    Optional<ControlledRclone.Finished> size =
        rclone.run(
            commands.size(transfer.destination(), transfer.filterFile()), control, true, p -> {});
    if (size.isEmpty()) {
      return first;
    }
    Duration spent = size.get().report().elapsed();
    if (!size.get().report().succeeded()) {
      return Outcomes.of(size.get().report(), plan.mode(), control.stopReason())
          .plusRcloneTime(first.rcloneTime());
    }
    // As the destination was before the run: the first pass may have added files to it.
    long files =
        Math.max(
            0,
            JSON.readTree(size.get().stdout()).path("count").asLong(0)
                - first.stats().filesAdded());
    Long allowed = files < guard.minFiles() ? null : files * guard.maxDeletePercent() / 100;
    if (allowed != null) {
      long due = ChangeReports.deletionsDue(transfer.reports());
      if (due < 0) {
        Optional<ControlledRclone.Finished> preview = preview(transfer, control);
        if (preview.isEmpty()) {
          return first.plusRcloneTime(spent);
        }
        spent = spent.plus(preview.get().report().elapsed());
        if (!preview.get().report().succeeded()) {
          return Outcomes.of(preview.get().report(), plan.mode(), control.stopReason())
              .plusRcloneTime(first.rcloneTime().plus(spent));
        }
        due = preview.get().report().stats().filesDeleted();
      }
      if (due > allowed) {
        return refused(first, due, files, guard).plusRcloneTime(spent);
      }
    }
    AttemptResult second =
        execute.apply(transfer.withMaxDelete(allowed).withReports(again(transfer)));
    return AttemptResults.merged(first, second).plusRcloneTime(spent);
  }

  /** True when the run ended on {@code --max-delete 0}: it had files to delete and deleted none. */
  static boolean deletionsHeldBack(AttemptResult first) {
    return first.error() != null
        && Outcomes.SAFETY_ABORT.equals(first.error().reason())
        && first.error().exitCode() != null
        && first.error().exitCode() == RcloneExit.FATAL.code();
  }

  private Optional<ControlledRclone.Finished> preview(Transfer transfer, RunControl control) {
    Transfer dryRun =
        new Transfer(
            transfer.mode(),
            transfer.source(),
            transfer.destination(),
            transfer.filterFile(),
            transfer.performance(),
            true,
            null,
            null,
            false,
            null);
    return rclone.run(commands.transfer(dryRun), control, false, progress -> {});
  }

  private static java.nio.file.Path again(Transfer transfer) {
    if (transfer.reports() == null) {
      return null;
    }
    try {
      return Files.createDirectories(transfer.reports().resolve("deletions"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder for rclone's reports", e);
    }
  }

  /**
   * The run would delete too much: it fails, not retried, keeping what its first pass transferred
   * (new and changed files arrived, as in any mirror run; nothing was deleted).
   */
  private static AttemptResult refused(
      AttemptResult first, long deletes, long files, DeletionGuard guard) {
    String message =
        String.format(
            "the run would delete %d of the destination's %d files (%d%%), more than the"
                + " plan allows (%d%%); nothing was deleted. If the source is right (not an"
                + " unmounted or emptied disk), raise the plan's deletion limit and run again",
            deletes, files, deletes * 100 / files, guard.maxDeletePercent());
    return new AttemptResult(
        RunStatus.FAILED,
        first.stats(),
        first.changes(),
        new RunError(Outcomes.SAFETY_ABORT, message, null, List.of()),
        false,
        first.rcloneTime());
  }
}
