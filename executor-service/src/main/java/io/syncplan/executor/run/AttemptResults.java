package io.syncplan.executor.run;

import io.syncplan.contracts.run.RunChanges;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.executor.rclone.RcloneLogParser;
import java.util.ArrayList;
import java.util.List;

/** An attempt made of two rclone passes, as one result. */
final class AttemptResults {

  private AttemptResults() {}

  /**
   * The transfers of {@code first} followed by {@code second}: what both did, and how the second
   * ended (its status, error and whether to retry).
   */
  static AttemptResult merged(AttemptResult first, AttemptResult second) {
    RunStats a = first.stats();
    RunStats b = second.stats();
    RunStats stats =
        new RunStats(
            a.filesAdded() + b.filesAdded(),
            a.filesModified() + b.filesModified(),
            a.filesDeleted() + b.filesDeleted(),
            a.filesMovedToRevisions() + b.filesMovedToRevisions(),
            a.bytesTransferred() + b.bytesTransferred(),
            Math.max(a.filesChecked(), b.filesChecked()),
            b.errors(),
            b.conflicts());
    RunChanges one = first.changes();
    RunChanges two = second.changes();
    long omitted = one.omitted() + two.omitted();
    List<List<String>> lists = new ArrayList<>();
    for (List<List<String>> pair :
        List.of(
            List.of(one.added(), two.added()),
            List.of(one.modified(), two.modified()),
            List.of(one.deleted(), two.deleted()),
            List.of(one.movedToRevisions(), two.movedToRevisions()))) {
      List<String> joined = new ArrayList<>(pair.get(0));
      joined.addAll(pair.get(1));
      int cap = RcloneLogParser.MAX_LISTED_PATHS;
      if (joined.size() > cap) {
        omitted += joined.size() - cap;
        joined = joined.subList(0, cap);
      }
      lists.add(joined);
    }
    RunChanges changes =
        new RunChanges(lists.get(0), lists.get(1), lists.get(2), lists.get(3), omitted);
    return new AttemptResult(
        second.status(),
        stats,
        changes,
        second.error(),
        second.retryable(),
        first.rcloneTime().plus(second.rcloneTime()));
  }
}
