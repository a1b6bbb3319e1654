package io.syncplan.contracts.revision;

import java.time.Instant;
import java.util.Objects;

/**
 * One version a revision folder keeps.
 *
 * @param path relative to the plan's destination (and to the revision folder)
 * @param size in bytes, as the plan's encryption shows it (the clear size)
 * @param modifiedAt the version's modification time
 * @param side where the folder is: the destination's history, or for BISYNC also the source's
 *     (path1), where the versions that lost a conflict on that side are kept
 */
public record RevisionFile(String path, long size, Instant modifiedAt, Side side) {

  /** Whose history holds a version. */
  public enum Side {
    SOURCE,
    DESTINATION
  }

  public RevisionFile {
    Objects.requireNonNull(path, "path");
    side = side == null ? Side.DESTINATION : side;
  }
}
