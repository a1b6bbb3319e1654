package io.syncplan.contracts.plan;

/**
 * Stops a mirror from deleting most of its destination, for example because the source disk is not
 * mounted. A run that would delete more than {@code maxDeletePercent} of the destination's files,
 * when the destination holds at least {@code minFiles}, deletes nothing and fails with {@code
 * SAFETY_ABORT}.
 */
public record DeletionGuard(boolean enabled, int maxDeletePercent, int minFiles) {

  public static final DeletionGuard DEFAULT = new DeletionGuard(true, 50, 10);

  public DeletionGuard {
    if (maxDeletePercent < 0 || maxDeletePercent > 100) {
      throw new IllegalArgumentException("maxDeletePercent must be between 0 and 100");
    }
    if (minFiles < 0) {
      throw new IllegalArgumentException("minFiles must not be negative");
    }
  }
}
