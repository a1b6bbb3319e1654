package io.syncplan.executor.run;

import io.syncplan.executor.bandwidth.BandwidthShare;
import io.syncplan.executor.bandwidth.BandwidthShares;
import io.syncplan.executor.rclone.RcloneCommand;
import io.syncplan.executor.rclone.RcloneProgress;
import io.syncplan.executor.rclone.RcloneReport;
import io.syncplan.executor.rclone.RcloneRunner;
import io.syncplan.executor.rclone.RcloneRunner.RunningRclone;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Runs a run's rclone processes so that stopping the run kills whichever is running. */
@Component
class ControlledRclone {

  private static final Logger log = LoggerFactory.getLogger(ControlledRclone.class);

  /** How one rclone process of a run ended, and what it printed on standard output. */
  record Finished(RcloneReport report, String stdout) {}

  private final RcloneRunner runner;
  private final BandwidthShares bandwidth;

  ControlledRclone(RcloneRunner runner, BandwidthShares bandwidth) {
    this.runner = runner;
    this.bandwidth = bandwidth;
  }

  /** Runs rclone to its end; empty when the run was stopped before rclone could start. */
  Optional<Finished> run(
      RcloneCommand command,
      RunControl control,
      boolean captureStdout,
      Consumer<RcloneProgress> onProgress) {
    try (BandwidthShare share = bandwidth.join(command)) {
      log.debug("Starting {}", share.command());
      return follow(
          share.started(runner.start(share.command(), captureStdout)), control, onProgress);
    }
  }

  /**
   * Runs rclone to its end writing its standard output into {@code stdoutFile}; empty when the run
   * was stopped before rclone could start.
   */
  Optional<Finished> run(
      RcloneCommand command,
      RunControl control,
      Path stdoutFile,
      Consumer<RcloneProgress> onProgress) {
    try (BandwidthShare share = bandwidth.join(command)) {
      log.debug("Starting {} (output into {})", share.command(), stdoutFile);
      return follow(share.started(runner.start(share.command(), stdoutFile)), control, onProgress);
    }
  }

  private static Optional<Finished> follow(
      RunningRclone running, RunControl control, Consumer<RcloneProgress> onProgress) {
    if (!control.attach(running)) {
      return Optional.empty();
    }
    try {
      RcloneReport report = running.await(onProgress);
      return Optional.of(new Finished(report, running.stdout()));
    } finally {
      control.detach();
    }
  }
}
