package io.syncplan.executor.bandwidth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Shares a cap out among runs, uploads and downloads each on their own: every run gets an equal
 * part, except that none gets more than its own limit, and what a run so leaves unused goes to the
 * others in equal parts again. No run gets less than 1 byte/s (rclone would read 0 as no limit).
 */
final class FairShares {

  private FairShares() {}

  /** Each run's share, in the order of {@code ownLimits}. */
  static List<Rate> of(Rate cap, List<Rate> ownLimits) {
    long[] uploads = side(cap.upload(), ownLimits.stream().mapToLong(Rate::upload).toArray());
    long[] downloads = side(cap.download(), ownLimits.stream().mapToLong(Rate::download).toArray());
    List<Rate> shares = new ArrayList<>();
    for (int i = 0; i < ownLimits.size(); i++) {
      shares.add(new Rate(uploads[i], downloads[i]));
    }
    return shares;
  }

  private static long[] side(long cap, long[] ownLimits) {
    if (cap == Rate.UNLIMITED) {
      return ownLimits.clone();
    }
    long[] shares = new long[ownLimits.length];
    // The most modest first: what they leave unused is then shared by those that want more.
    int[] order =
        IntStream.range(0, ownLimits.length)
            .boxed()
            .sorted(Comparator.comparingLong(i -> ownLimits[i]))
            .mapToInt(Integer::intValue)
            .toArray();
    long left = cap;
    int runsLeft = ownLimits.length;
    for (int run : order) {
      long share = Math.min(ownLimits[run], Math.max(1, left / runsLeft));
      shares[run] = share;
      left = Math.max(0, left - share);
      runsLeft--;
    }
    return shares;
  }
}
