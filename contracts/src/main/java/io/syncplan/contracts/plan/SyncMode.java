package io.syncplan.contracts.plan;

/** What a run of a plan does to its destination. */
public enum SyncMode {
  /** {@code rclone sync}: the destination becomes an exact mirror; deletions propagate. */
  MIRROR,
  /** {@code rclone copy}: new and changed files arrive; nothing is deleted at the destination. */
  COPY,
  /** A mirror that first moves what it overwrites or deletes into a dated history folder. */
  MIRROR_WITH_REVISIONS,
  /** {@code rclone bisync}: both sides converge. */
  BISYNC;

  /** True for the modes that must never write to their source. */
  public boolean isOneWay() {
    return this != BISYNC;
  }

  /** True for the modes that delete at the destination what is gone from the source. */
  public boolean deletesAtDestination() {
    return this == MIRROR || this == MIRROR_WITH_REVISIONS;
  }
}
