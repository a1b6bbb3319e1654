package io.syncplan.executor.history;

import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.revision.RevisionFile;
import io.syncplan.contracts.run.RestoreRules;
import io.syncplan.contracts.run.RestoreSpec;
import io.syncplan.contracts.run.RestoreTarget;
import io.syncplan.executor.rclone.RcloneLocation;
import io.syncplan.executor.rclone.UnsafeArgumentException;
import io.syncplan.executor.revision.RevisionFolders;
import io.syncplan.executor.storage.RemoteFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The places restores, verifications and the revision index read and write, built from a plan that
 * came in a command: every rule a restore keeps is checked here, once, before any location reaches
 * rclone ({@link RestoreRules}, with the machine's local roots where the storage factory knows
 * them).
 */
@Component
public class PlanLocations {

  private final RemoteFactory remotes;

  PlanLocations(RemoteFactory remotes) {
    this.remotes = remotes;
  }

  /**
   * Holds the plan to the rules plan-service applied (a snapshot on Kafka is untrusted); throws
   * {@link UnsafeArgumentException} naming every field that breaks one.
   */
  public void check(PlanSnapshot plan) {
    remotes.check(plan);
  }

  /** The plan's source. */
  public RcloneLocation source(PlanSnapshot plan) {
    return remotes.source(plan.source());
  }

  /** The plan's destination, through its encryption. */
  public RcloneLocation destination(PlanSnapshot plan) {
    return remotes.destination(plan);
  }

  /**
   * The history folders of the plan, by side: the destination's, and for BISYNC the source's too
   * (where the versions that lost a conflict on that side are kept).
   */
  public Map<RevisionFile.Side, RcloneLocation> histories(PlanSnapshot plan) {
    Map<RevisionFile.Side, RcloneLocation> histories = new LinkedHashMap<>();
    histories.put(RevisionFile.Side.DESTINATION, destination(plan).child(RevisionFolders.ROOT));
    if (plan.mode() == SyncMode.BISYNC) {
      histories.put(RevisionFile.Side.SOURCE, source(plan).child(RevisionFolders.ROOT));
    }
    return histories;
  }

  /**
   * Where a restore writes; throws {@link UnsafeArgumentException} naming every rule the restore
   * breaks.
   */
  public RcloneLocation target(PlanSnapshot plan, RestoreSpec restore) {
    var violations = RestoreRules.check(restore, plan, remotes.localRoots()::realProblem);
    if (!violations.isEmpty()) {
      throw new UnsafeArgumentException(
          "the restore breaks syncplan's rules: "
              + violations.stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
    RestoreTarget target = restore.target();
    return switch (target.place()) {
      case SOURCE -> source(plan);
      case DESTINATION -> destination(plan);
      case ELSEWHERE -> remotes.target(target.endpoint());
    };
  }
}
