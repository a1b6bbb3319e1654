package io.syncplan.executor.run;

import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneLocation;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the real reason behind rclone's "can't limit to single files when using filters" (a count
 * or listing) and "is a file not a directory" (a sync into it). rclone 1.66 and later, given a
 * folder on S3 whose server refuses the credentials, cannot tell the folder from a file (the
 * refused HEAD request reads to it as "maybe a file") and says only that. A probe of the folder
 * without filters shows rclone's own reason: when that is a refusal of the credentials, the attempt
 * fails as {@code ACCESS_DENIED}, not retried.
 */
@Component
class CredentialCheck {

  static final String SINGLE_FILES = "can't limit to single files when using filters";
  static final String NOT_A_FOLDER = "is a file not a directory";

  private final RcloneCommandBuilder commands;
  private final ControlledRclone rclone;

  CredentialCheck(RcloneCommandBuilder commands, ControlledRclone rclone) {
    this.commands = commands;
    this.rclone = rclone;
  }

  AttemptResult explain(
      AttemptResult failed, RcloneLocation location, SyncMode mode, RunControl control) {
    if (failed == null
        || failed.error() == null
        || failed.error().message() == null
        || !(failed.error().message().contains(SINGLE_FILES)
            || failed.error().message().contains(NOT_A_FOLDER))) {
      return failed;
    }
    Optional<ControlledRclone.Finished> probe =
        rclone.run(commands.probe(location), control, false, ignored -> {});
    if (probe.isEmpty() || probe.get().report().succeeded()) {
      return failed;
    }
    AttemptResult diagnosed = Outcomes.of(probe.get().report(), mode, control.stopReason());
    return diagnosed.error() != null
            && Outcomes.ACCESS_DENIED_REASON.equals(diagnosed.error().reason())
        ? diagnosed.plusRcloneTime(failed.rcloneTime())
        : failed;
  }
}
