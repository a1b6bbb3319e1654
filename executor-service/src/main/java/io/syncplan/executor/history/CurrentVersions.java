package io.syncplan.executor.history;

import io.syncplan.contracts.revision.CurrentVersionFound;
import io.syncplan.contracts.revision.CurrentVersionRequested;
import io.syncplan.contracts.run.RestoreRules;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.rclone.HistoryCommands;
import io.syncplan.executor.rclone.RcloneOutput;
import io.syncplan.executor.rclone.RcloneRunner;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.storage.UnreadableSecretException;
import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Answers whether a plan's destination holds a file now, with its size and time. */
@Component
public class CurrentVersions {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PlanLocations locations;
  private final HistoryCommands commands;
  private final RcloneRunner rclone;
  private final ExecutorProperties properties;

  CurrentVersions(
      PlanLocations locations,
      HistoryCommands commands,
      RcloneRunner rclone,
      ExecutorProperties properties) {
    this.locations = locations;
    this.commands = commands;
    this.rclone = rclone;
    this.properties = properties;
  }

  public CurrentVersionFound find(CurrentVersionRequested request) {
    String path = RestoreRules.normalize(request.path());
    String problem = path.isEmpty() ? "must name a file" : RestoreRules.pathProblem(path);
    if (problem != null) {
      return answer(request, false, 0, null, "path " + problem);
    }
    try {
      locations.check(request.plan());
      RcloneOutput output =
          rclone.run(
              commands.stat(locations.destination(request.plan()).child(path)),
              properties.checkTimeout());
      if (output.report().directoryNotFound() || output.report().exitCode() == 4) {
        return answer(request, false, 0, null, null);
      }
      if (!output.succeeded()) {
        return answer(request, false, 0, null, output.report().errorMessage());
      }
      JsonNode file = JSON.readTree(output.stdout());
      if (file.path("IsDir").asBoolean(false)) {
        return answer(request, false, 0, null, null);
      }
      return answer(
          request,
          true,
          file.path("Size").asLong(0),
          FileListing.time(file.path("ModTime").asString()),
          null);
    } catch (UnsafeArgumentException | UnreadableSecretException | JacksonException e) {
      return answer(request, false, 0, null, e.getMessage());
    }
  }

  private static CurrentVersionFound answer(
      CurrentVersionRequested request, boolean exists, long size, Instant at, String error) {
    return new CurrentVersionFound(
        request.requestId(), request.planId(), request.path(), exists, size, at, error);
  }
}
