package io.syncplan.contracts.plan;

/** How rclone decides that a file at the destination differs from the source. */
public enum CompareStrategy {
  /** Size and modification time (rclone's default). */
  SIZE_AND_MODTIME,
  /** Size and checksum ({@code --checksum}); slower, exact. */
  CHECKSUM,
  /** Size only ({@code --size-only}). */
  SIZE_ONLY
}
