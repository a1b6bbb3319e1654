package io.syncplan.executor.revision;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.RevisionPolicy;
import io.syncplan.contracts.plan.RevisionsCleaned;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.rclone.RcloneCommandBuilder;
import io.syncplan.executor.rclone.RcloneExit;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.RcloneOutput;
import io.syncplan.executor.rclone.RcloneRunner;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.storage.RemoteFactory;
import io.syncplan.executor.storage.UnreadableSecretException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Removes a plan's expired revision folders: those older than the plan's {@code keepDays}, and
 * those beyond its newest {@code keepCount}. Folders syncplan did not name are left alone.
 */
@Component
public class RevisionRetention {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RemoteFactory remotes;
  private final RcloneCommandBuilder commands;
  private final RcloneRunner rclone;
  private final ExecutorProperties properties;
  private final Clock clock;

  RevisionRetention(
      RemoteFactory remotes,
      RcloneCommandBuilder commands,
      RcloneRunner rclone,
      ExecutorProperties properties,
      Clock clock) {
    this.remotes = remotes;
    this.commands = commands;
    this.rclone = rclone;
    this.properties = properties;
    this.clock = clock;
  }

  /** Cleans the plan's history now; {@code requestId} is null for the periodic job. */
  public RevisionsCleaned clean(PlanSnapshot plan, String requestId) {
    if (plan.mode() != SyncMode.MIRROR_WITH_REVISIONS) {
      return new RevisionsCleaned(plan.id(), requestId, 0, 0, null);
    }
    try {
      remotes.check(plan);
      RcloneLocation history = remotes.destination(plan).child(RevisionFolders.ROOT);
      RcloneOutput listing = rclone.run(commands.listFolders(history), properties.checkTimeout());
      if (listing.report().exitCode() == RcloneExit.DIRECTORY_NOT_FOUND.code()) {
        return new RevisionsCleaned(plan.id(), requestId, 0, 0, null);
      }
      if (!listing.succeeded()) {
        return new RevisionsCleaned(
            plan.id(),
            requestId,
            0,
            0,
            "cannot list revisions: " + listing.report().errorMessage());
      }
      List<Map.Entry<String, Instant>> folders = folders(listing.stdout());
      List<String> expired = expired(folders, plan.revisions(), clock.instant());
      List<String> removed = new ArrayList<>();
      String error = null;
      for (String folder : expired) {
        RcloneOutput purge =
            rclone.run(commands.purge(history.child(folder)), properties.checkTimeout());
        if (purge.succeeded()) {
          removed.add(folder);
        } else if (error == null) {
          error = "cannot remove revision " + folder + ": " + purge.report().errorMessage();
        }
      }
      return new RevisionsCleaned(
          plan.id(), requestId, removed.size(), folders.size() - removed.size(), error, removed);
    } catch (UnsafeArgumentException | UnreadableSecretException e) {
      return new RevisionsCleaned(plan.id(), requestId, 0, 0, e.getMessage());
    }
  }

  /** The expired folders: beyond the newest keepCount, or older than keepDays. */
  static List<String> expired(
      List<Map.Entry<String, Instant>> folders, RevisionPolicy policy, Instant now) {
    List<Map.Entry<String, Instant>> newestFirst = new ArrayList<>(folders);
    newestFirst.sort(Map.Entry.<String, Instant>comparingByValue(Comparator.reverseOrder()));
    Instant oldestKept =
        policy.keepDays() == null ? null : now.minus(Duration.ofDays(policy.keepDays()));
    List<String> expired = new ArrayList<>();
    for (int i = 0; i < newestFirst.size(); i++) {
      Map.Entry<String, Instant> folder = newestFirst.get(i);
      boolean tooMany = policy.keepCount() != null && i >= policy.keepCount();
      boolean tooOld = oldestKept != null && folder.getValue().isBefore(oldestKept);
      if (tooMany || tooOld) {
        expired.add(folder.getKey());
      }
    }
    return expired;
  }

  private static List<Map.Entry<String, Instant>> folders(String lsjson) {
    List<Map.Entry<String, Instant>> folders = new ArrayList<>();
    for (JsonNode item : JSON.readTree(lsjson)) {
      String name = item.path("Name").asString();
      if (item.path("IsDir").asBoolean(false)) {
        RevisionFolders.parse(name).ifPresent(started -> folders.add(Map.entry(name, started)));
      }
    }
    return folders;
  }
}
