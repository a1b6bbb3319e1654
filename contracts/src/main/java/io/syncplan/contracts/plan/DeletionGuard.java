package io.syncplan.contracts.plan;

/**
 * Stops a mirror from deleting most of its destination, for example because the source disk is not
 * mounted. A run that would delete more than {@code maxDeletePercent} of the destination's files,
 * when the destination holds at least {@code minFiles}, deletes nothing and fails with {@code
 * SAFETY_ABORT}.
 *
 * @param checkAccess BISYNC only: a run starts only when both sides hold the marker file {@value
 *     #ACCESS_MARKER} at the same paths (rclone's {@code --check-access}), so that a side that is
 *     not mounted is never taken for one whose files were deleted; else it fails with {@code
 *     BISYNC_ACCESS_CHECK_FAILED} and changes nothing
 */
public record DeletionGuard(
    boolean enabled, int maxDeletePercent, int minFiles, Boolean checkAccess) {

  public static final DeletionGuard DEFAULT = new DeletionGuard(true, 50, 10, false);

  /** The marker file both sides of a BISYNC plan hold when {@code checkAccess} is on. */
  public static final String ACCESS_MARKER = "RCLONE_TEST";

  public DeletionGuard(boolean enabled, int maxDeletePercent, int minFiles) {
    this(enabled, maxDeletePercent, minFiles, false);
  }

  public DeletionGuard {
    // Plans stored and published before the setting existed have none: off.
    checkAccess = Boolean.TRUE.equals(checkAccess);
    if (maxDeletePercent < 0 || maxDeletePercent > 100) {
      throw new IllegalArgumentException("maxDeletePercent must be between 0 and 100");
    }
    if (minFiles < 0) {
      throw new IllegalArgumentException("minFiles must not be negative");
    }
  }
}
