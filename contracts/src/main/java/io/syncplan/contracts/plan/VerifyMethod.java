package io.syncplan.contracts.plan;

/** How a verification compares the destination with the source. */
public enum VerifyMethod {
  /** Each file exists on both sides with the same size ({@code rclone check --size-only}). */
  SIZE,
  /**
   * Sizes and checksums ({@code rclone check}; through encryption {@code rclone cryptcheck}); where
   * the two sides share no hash, rclone compares sizes only and says so in the run's log.
   */
  CHECKSUM,
  /**
   * Every file read from both sides and compared byte for byte ({@code rclone check --download}).
   */
  DOWNLOAD
}
