package io.syncplan.executor.run;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.revision.RevisionFile;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.executor.history.ListedFile;
import io.syncplan.executor.history.PathFilters;
import io.syncplan.executor.history.PlanLocations;
import io.syncplan.executor.history.RestoreChoice;
import io.syncplan.executor.history.RestoreChoice.Version;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.revision.RevisionFolders;
import java.util.List;
import java.util.Map;

/**
 * The versions a restore that does not copy a folder whole brings back, from the listings its kind
 * needs: one revision folder (on each side that keeps a history), or the destination's current
 * files and, as of an instant, every revision folder.
 */
final class RestoreVersions {

  private RestoreVersions() {}

  /** The versions to bring back, from the listings the restore's kind needs. */
  static List<Version> choose(
      PlanSnapshot plan,
      RestoreSpec restore,
      String path,
      PlanLocations locations,
      RestoreRclone steps) {
    Map<RevisionFile.Side, RcloneLocation> histories = locations.histories(plan);
    if (restore.revision() != null) {
      RestoreChoice choice = new RestoreChoice(null);
      boolean found = false;
      for (Map.Entry<RevisionFile.Side, RcloneLocation> history : histories.entrySet()) {
        found |=
            steps.list(
                history.getValue().child(restore.revision()),
                PathFilters.below(path),
                file ->
                    choice.offerKept(
                        file,
                        restore.revision(),
                        RevisionFolders.parse(restore.revision()).orElseThrow(),
                        history.getKey()));
      }
      if (!found) {
        throw new RestoreRclone.Stopped(RestoreAttempt.revisionNotFound(restore));
      }
      return choice.versions();
    }
    RestoreChoice choice = new RestoreChoice(restore.asOf());
    if (restore.asOf() != null && keepsHistory(plan)) {
      for (Map.Entry<RevisionFile.Side, RcloneLocation> history : histories.entrySet()) {
        steps.list(
            history.getValue(),
            PathFilters.inEveryRevision(path),
            file -> offerKept(choice, file, history.getKey()));
      }
    }
    steps.list(locations.destination(plan), PathFilters.below(path), choice::offerCurrent);
    return choice.versions();
  }

  private static boolean keepsHistory(PlanSnapshot plan) {
    return plan.mode() == SyncMode.MIRROR_WITH_REVISIONS || plan.mode() == SyncMode.BISYNC;
  }

  /** A file listed in a folder of revision folders: {@code <revision>/<path>}. */
  private static void offerKept(RestoreChoice choice, ListedFile file, RevisionFile.Side side) {
    int slash = file.path().indexOf('/');
    if (slash <= 0) {
      return;
    }
    String revision = file.path().substring(0, slash);
    RevisionFolders.parse(revision)
        .ifPresent(
            madeAt ->
                choice.offerKept(
                    new ListedFile(
                        file.path().substring(slash + 1), file.size(), file.modifiedAt()),
                    revision,
                    madeAt,
                    side));
  }
}
