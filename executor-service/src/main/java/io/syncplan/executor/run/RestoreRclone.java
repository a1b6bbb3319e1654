package io.syncplan.executor.run;

import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RestoreRules;
import io.syncplan.executor.history.FileListing;
import io.syncplan.executor.history.ListedFile;
import io.syncplan.executor.rclone.HistoryCommands;
import io.syncplan.executor.rclone.RcloneCommand;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rclone processes of one restore attempt, whichever way it copies: each runs under the run's
 * control (a cancel kills it) and its time is added up; a listing that fails or is stopped ends the
 * attempt ({@link Stopped}).
 */
final class RestoreRclone {

  /** A step that ended the attempt early, with how it ended. */
  static final class Stopped extends RuntimeException {
    private final transient AttemptResult result;

    Stopped(AttemptResult result) {
      super(null, null, false, false);
      this.result = result;
    }

    AttemptResult result() {
      return result;
    }
  }

  private final ControlledRclone rclone;
  private final HistoryCommands commands;
  private final RunWorkspace workspace;
  private final RunControl control;
  private final SyncMode mode;
  private Duration listing = Duration.ZERO;
  private Duration copying = Duration.ZERO;
  private int files;

  RestoreRclone(
      ControlledRclone rclone,
      HistoryCommands commands,
      RunWorkspace workspace,
      RunControl control,
      SyncMode mode) {
    this.rclone = rclone;
    this.commands = commands;
    this.workspace = workspace;
    this.control = control;
    this.mode = mode;
  }

  /**
   * Lists the files below a location that the filter rules let through; false when the location
   * does not exist.
   */
  boolean list(RcloneLocation location, List<String> rules, Consumer<ListedFile> each) {
    Path filter = write("listing-filter", rules);
    Path output = workspace.file("listing-" + files++ + ".json");
    if (!listInto(commands.listFiles(location, filter), output)) {
      return false;
    }
    FileListing.read(output, "", each);
    return true;
  }

  /**
   * True when a location does not exist or holds nothing but a history folder: read from its top
   * level only, however much lies below.
   */
  boolean isEmpty(RcloneLocation location) {
    Path output = workspace.file("top-level-" + files++ + ".json");
    return !listInto(commands.topLevel(location), output)
        || !FileListing.namesAnythingBut(output, RestoreRules.HISTORY_FOLDER);
  }

  /** Runs a copy to its end, reporting its progress; what it did is for the caller to read. */
  ControlledRclone.Finished copy(RcloneCommand command, Consumer<RcloneProgress> onProgress) {
    ControlledRclone.Finished finished =
        rclone
            .run(command, control, false, onProgress)
            .orElseThrow(() -> new Stopped(AttemptResult.cancelledBeforeStart()));
    copying = copying.plus(finished.report().elapsed());
    return finished;
  }

  /** Runs a listing into {@code output}; false when the location it lists does not exist. */
  private boolean listInto(RcloneCommand command, Path output) {
    ControlledRclone.Finished finished =
        rclone
            .run(command, control, output, ignored -> {})
            .orElseThrow(() -> new Stopped(AttemptResult.cancelledBeforeStart()));
    listing = listing.plus(finished.report().elapsed());
    if (control.stopReason() != null) {
      throw new Stopped(withoutChanges(Outcomes.of(finished.report(), mode, stopReason())));
    }
    if (finished.report().directoryNotFound()) {
      return false;
    }
    if (!finished.report().succeeded()) {
      throw new Stopped(withoutChanges(Outcomes.of(finished.report(), mode, stopReason())));
    }
    return true;
  }

  /** Writes a file of the attempt's own (a filter or a file list), its name made unique. */
  Path write(String name, List<String> lines) {
    Path file = workspace.file(name + "-" + files++ + ".txt");
    try {
      return Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The commands the steps run. */
  HistoryCommands commands() {
    return commands;
  }

  /** A folder for rclone's change reports. */
  Path reportsFolder() {
    return workspace.reportsFolder();
  }

  RunControl.StopReason stopReason() {
    return control.stopReason();
  }

  Duration listingTime() {
    return listing;
  }

  Duration copyingTime() {
    return copying;
  }

  /** How long the attempt's rclone processes ran, in all. */
  Duration rcloneTime() {
    return listing.plus(copying);
  }

  /** A failure before anything was copied: no counts, no changes. */
  AttemptResult withoutChanges(AttemptResult failed) {
    return new AttemptResult(
        failed.status(), null, null, failed.error(), failed.retryable(), rcloneTime());
  }
}
