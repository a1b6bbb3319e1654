package io.syncplan.executor.run;

import io.syncplan.contracts.plan.DeletionGuard;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneExit;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.Transfer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stops a mirror before it deletes most of its destination, for example because the source disk is
 * not mounted and its folder looks empty. It counts the destination's files (as the run's filters
 * see them); when there are at least the plan's minimum, a dry run counts what the run would
 * delete, and a run that would delete more than the plan's share fails with {@code SAFETY_ABORT}
 * having deleted nothing. A run that passes is still given rclone's {@code --max-delete} at the
 * allowed count, in case the source changes between the check and the run.
 */
@Component
class MassDeletionGuard {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * The guard's verdict.
   *
   * @param abort the run's result when it must not go on, else null
   * @param maxDelete the most files the run may delete, or null for no limit
   * @param rcloneTime how long the guard's own rclone processes ran
   */
  record Verdict(AttemptResult abort, Long maxDelete, Duration rcloneTime) {

    static Verdict pass(Long maxDelete, Duration rcloneTime) {
      return new Verdict(null, maxDelete, rcloneTime);
    }
  }

  private final RcloneCommandBuilder commands;
  private final ControlledRclone rclone;

  MassDeletionGuard(RcloneCommandBuilder commands, ControlledRclone rclone) {
    this.commands = commands;
    this.rclone = rclone;
  }

  Verdict check(
      PlanSnapshot plan,
      RcloneLocation source,
      RcloneLocation destination,
      Path filterFile,
      RunControl control) {
    DeletionGuard guard = plan.deletionGuard();
    if (!guard.enabled() || !plan.mode().deletesAtDestination()) {
      return Verdict.pass(null, Duration.ZERO);
    }
    Optional<ControlledRclone.Finished> size =
        rclone.run(commands.size(destination, filterFile), control, true, progress -> {});
    if (size.isEmpty()) {
      return new Verdict(AttemptResult.cancelledBeforeStart(), null, Duration.ZERO);
    }
    Duration spent = size.get().report().elapsed();
    long files;
    if (size.get().report().exitCode() == RcloneExit.DIRECTORY_NOT_FOUND.code()) {
      files = 0; // a first run: the destination does not exist yet
    } else if (!size.get().report().succeeded()) {
      return new Verdict(
          Outcomes.of(size.get().report(), plan.mode(), control.stopReason()), null, spent);
    } else {
      files = JSON.readTree(size.get().stdout()).path("count").asLong(0);
    }
    if (files < guard.minFiles()) {
      return Verdict.pass(null, spent);
    }
    long allowed = files * guard.maxDeletePercent() / 100;
    Transfer dryRun =
        new Transfer(
            plan.mode(),
            source,
            destination,
            filterFile,
            plan.performance(),
            true,
            null,
            null,
            false,
            null);
    Optional<ControlledRclone.Finished> preview =
        rclone.run(commands.transfer(dryRun), control, false, progress -> {});
    if (preview.isEmpty()) {
      return new Verdict(AttemptResult.cancelledBeforeStart(), null, spent);
    }
    spent = spent.plus(preview.get().report().elapsed());
    if (!preview.get().report().succeeded()) {
      return new Verdict(
          Outcomes.of(preview.get().report(), plan.mode(), control.stopReason()), null, spent);
    }
    long deletes = preview.get().report().stats().filesDeleted();
    if (deletes > allowed) {
      String message =
          String.format(
              "the run would delete %d of the destination's %d files (%d%%), more than the"
                  + " plan allows (%d%%); nothing was deleted. If the source is right (not an"
                  + " unmounted or emptied disk), raise the plan's deletion limit and run again",
              deletes, files, deletes * 100 / files, guard.maxDeletePercent());
      AttemptResult abort =
          new AttemptResult(
              RunStatus.FAILED,
              null,
              null,
              new RunError(Outcomes.SAFETY_ABORT, message, null, List.of()),
              false,
              spent);
      return new Verdict(abort, null, spent);
    }
    return Verdict.pass(allowed, spent);
  }
}
