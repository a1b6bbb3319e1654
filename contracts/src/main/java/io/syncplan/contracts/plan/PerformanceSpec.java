package io.syncplan.contracts.plan;

import java.time.Duration;

/**
 * How hard a run works and when it stops.
 *
 * @param transfers files transferred in parallel
 * @param bufferSize in-memory buffer per transfer, in rclone size syntax such as {@code 16M}
 * @param multiThreadStreams streams used to copy one large file
 * @param compare how changed files are recognised
 * @param maxDuration a run stops starting transfers after this long; null for no limit
 * @param maxTransfer a run ends PARTIAL once this much was transferred (rclone size syntax); null
 *     for no limit
 * @param bandwidth rclone's {@code --bwlimit}: a rate, upload:download rates or a timetable (see
 *     {@link io.syncplan.contracts.policy.BandwidthLimit}); null for no limit
 */
public record PerformanceSpec(
    int transfers,
    String bufferSize,
    int multiThreadStreams,
    CompareStrategy compare,
    Duration maxDuration,
    String maxTransfer,
    String bandwidth) {

  public static final PerformanceSpec DEFAULT =
      new PerformanceSpec(4, "16M", 4, CompareStrategy.SIZE_AND_MODTIME, null, null);

  public PerformanceSpec {
    bufferSize = bufferSize == null ? "16M" : bufferSize;
    compare = compare == null ? CompareStrategy.SIZE_AND_MODTIME : compare;
  }

  /** Without a bandwidth limit. */
  public PerformanceSpec(
      int transfers,
      String bufferSize,
      int multiThreadStreams,
      CompareStrategy compare,
      Duration maxDuration,
      String maxTransfer) {
    this(transfers, bufferSize, multiThreadStreams, compare, maxDuration, maxTransfer, null);
  }
}
