package io.syncplan.contracts.run;

import java.time.Instant;
import java.util.Objects;

/**
 * What a RESTORE run brings back, from when, and where to.
 *
 * @param path a file or folder relative to the plan's destination, {@code ""} for the whole tree
 * @param asOf bring each file back as it was at this instant: the version in the oldest revision
 *     made after it, else the destination's current one; files modified after it are left out. Null
 *     with {@code revision} null: the destination's current files
 * @param revision bring back what this revision folder holds; null unless asked for
 * @param overwrite replace files that exist at the target; never when false (they are skipped)
 * @param overwriteNewer with {@code overwrite}, also replace a file at the target that is newer
 *     than the version brought back; without it such files are skipped
 */
public record RestoreSpec(
    String path,
    Instant asOf,
    String revision,
    RestoreTarget target,
    boolean overwrite,
    boolean overwriteNewer) {

  public RestoreSpec {
    path = path == null ? "" : path;
    Objects.requireNonNull(target, "target");
    if (asOf != null && revision != null) {
      throw new IllegalArgumentException(
          "a restore is as of an instant or of a revision, not both");
    }
  }
}
