package io.syncplan.executor.run;

import io.syncplan.contracts.run.RunError;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.executor.bisync.BisyncStateStore;
import io.syncplan.executor.bisync.OlderVersions;
import io.syncplan.executor.rclone.Bisync;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * A resync on rclone before 1.66, which would copy path1's version of a file over path2's whatever
 * their times: rounds of a preview that finds the files both sides hold in different versions and
 * moving the older version of each into its side's history ({@link OlderVersions}), until none is
 * left beyond what one preview lists; then the resync, which copies each newer version, now the
 * only one, to the other side. A dry run stops after the first preview, its lists corrected as the
 * resync would have them.
 */
@Component
class LegacyResync {

  private final OlderVersions olderVersions;
  private final BisyncStateStore state;

  LegacyResync(OlderVersions olderVersions, BisyncStateStore state) {
    this.olderVersions = olderVersions;
    this.state = state;
  }

  /**
   * @param run runs one bisync command of the attempt to its outcome
   */
  AttemptResult run(Bisync bisync, Function<Bisync, AttemptResult> run) {
    Bisync preview = bisync.withDryRun();
    OlderVersions.Older movedAway = OlderVersions.Older.NONE;
    while (true) {
      AttemptResult previewed = run.apply(preview);
      if (previewed.status() != RunStatus.SUCCEEDED) {
        return previewed;
      }
      // rclone 1.60 copies only what path2 alone has to path1, then path1 over path2
      List<String> differing =
          previewed.changes().resync() == null
              ? List.of()
              : previewed.changes().resync().replacedOnPath2();
      OlderVersions.Found found = olderVersions.find(bisync, differing, bisync.workdir());
      if (found.failure() != null) {
        return failedStep(found.failure());
      }
      if (bisync.dryRun()) {
        return corrected(previewed, found.older());
      }
      String failure = olderVersions.moveAway(bisync, found.older());
      if (failure != null) {
        return failedStep(failure);
      }
      movedAway = movedAway.plus(found.older());
      if (previewed.stats().filesModified() <= differing.size()) {
        break;
      }
    }
    state.prepareEmpty(bisync.workdir());
    return corrected(run.apply(bisync), movedAway);
  }

  /** A listing or a move before the resync failed: another attempt may succeed. */
  private static AttemptResult failedStep(String message) {
    return new AttemptResult(
        RunStatus.FAILED,
        null,
        null,
        new RunError("RCLONE_ERROR", message, null, null),
        true,
        null);
  }

  private static AttemptResult corrected(AttemptResult result, OlderVersions.Older older) {
    OlderVersions.Corrected corrected =
        OlderVersions.corrected(result.stats(), result.changes(), older);
    return new AttemptResult(
        result.status(),
        corrected.stats(),
        corrected.changes(),
        result.error(),
        result.retryable(),
        result.rcloneTime());
  }
}
