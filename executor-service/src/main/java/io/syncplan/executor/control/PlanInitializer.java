package io.syncplan.executor.control;

import io.syncplan.contracts.plan.PlanInitialized;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.rclone.RcloneCommand;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneOutput;
import io.syncplan.executor.rclone.RcloneRunner;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.executor.storage.RemoteFactory;
import io.syncplan.executor.storage.UnreadableSecretException;
import org.springframework.stereotype.Component;

/**
 * Prepares a new or changed plan on an executor of its pool: the destination is created (through
 * the plan's encryption, if any) and, for revisions, its history folder; then it is read back to
 * prove it can be reached. For BISYNC, whose first side is written to as well, that side is created
 * too. The source of a one-way plan is never written.
 */
@Component
class PlanInitializer {

  private final RemoteFactory remotes;
  private final RcloneCommandBuilder commands;
  private final RcloneRunner rclone;
  private final ExecutorProperties properties;

  PlanInitializer(
      RemoteFactory remotes,
      RcloneCommandBuilder commands,
      RcloneRunner rclone,
      ExecutorProperties properties) {
    this.remotes = remotes;
    this.commands = commands;
    this.rclone = rclone;
    this.properties = properties;
  }

  PlanInitialized initialize(PlanSnapshot plan) {
    try {
      remotes.check(plan);
      RcloneLocation destination = remotes.destination(plan);
      String failure = step(commands.mkdir(destination), "the destination cannot be created");
      if (failure == null && plan.mode() == SyncMode.MIRROR_WITH_REVISIONS) {
        failure =
            step(
                commands.mkdir(destination.child(RevisionFolders.ROOT)),
                "the revision history folder cannot be created");
      }
      if (failure == null && plan.mode() == SyncMode.BISYNC) {
        failure =
            step(commands.mkdir(remotes.source(plan.source())), "the source cannot be created");
      }
      if (failure == null) {
        failure = step(commands.probe(destination), "the destination cannot be read");
      }
      return new PlanInitialized(plan.id(), plan.version(), failure == null, failure);
    } catch (UnsafeArgumentException | UnreadableSecretException e) {
      return new PlanInitialized(plan.id(), plan.version(), false, e.getMessage());
    }
  }

  /** Null when the command succeeded, else what went wrong in rclone's words. */
  private String step(RcloneCommand command, String what) {
    RcloneOutput output = rclone.run(command, properties.checkTimeout());
    if (output.succeeded()) {
      return null;
    }
    String why = output.report().errorMessage();
    return why == null ? what : what + ": " + why;
  }
}
