package io.syncplan.executor.control;

import io.syncplan.contracts.storage.StorageTestRequested;
import io.syncplan.contracts.storage.StorageTested;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneOutput;
import io.syncplan.executor.rclone.RcloneRunner;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.storage.RemoteFactory;
import io.syncplan.executor.storage.UnreadableSecretException;
import org.springframework.stereotype.Component;

/** Checks that a storage can be reached and read from this executor, changing nothing. */
@Component
class StorageTester {

  private final RemoteFactory remotes;
  private final RcloneCommandBuilder commands;
  private final RcloneRunner rclone;
  private final ExecutorProperties properties;

  StorageTester(
      RemoteFactory remotes,
      RcloneCommandBuilder commands,
      RcloneRunner rclone,
      ExecutorProperties properties) {
    this.remotes = remotes;
    this.commands = commands;
    this.rclone = rclone;
    this.properties = properties;
  }

  StorageTested test(StorageTestRequested request) {
    String storageId = request.storage().id();
    try {
      RcloneOutput output =
          rclone.run(
              commands.probe(remotes.storage(request.storage(), request.path())),
              properties.checkTimeout());
      String message =
          output.succeeded()
              ? null
              : output.report().errorMessage() == null
                  ? "rclone exited with code " + output.report().exitCode()
                  : output.report().errorMessage();
      return new StorageTested(
          request.requestId(), storageId, properties.id(), output.succeeded(), message);
    } catch (UnsafeArgumentException | UnreadableSecretException e) {
      return new StorageTested(
          request.requestId(), storageId, properties.id(), false, e.getMessage());
    }
  }
}
