package io.syncplan.scheduler.bench;

import java.util.Arrays;
import java.util.List;

/** Exact percentiles of measured values, in milliseconds. */
record Percentiles(int count, long p50, long p90, long p99, long p999, long max) {

  static Percentiles of(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Percentiles(0, 0, 0, 0, 0, 0);
    }
    return new Percentiles(
        sorted.length,
        at(sorted, 0.50),
        at(sorted, 0.90),
        at(sorted, 0.99),
        at(sorted, 0.999),
        sorted[sorted.length - 1]);
  }

  private static long at(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** The median; for an even count, the mean of the two middle values. */
  static long median(long... values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  @Override
  public String toString() {
    return String.format(
        "n=%d p50=%d ms p90=%d ms p99=%d ms p99.9=%d ms max=%d ms",
        count, p50, p90, p99, p999, max);
  }
}
