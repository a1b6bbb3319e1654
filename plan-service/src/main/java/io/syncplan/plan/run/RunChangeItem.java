package io.syncplan.plan.run;

import io.syncplan.contracts.run.RunChanges;
import java.util.ArrayList;
import java.util.List;

/**
 * One path a run touched, relative to the destination.
 *
 * @param kind ADDED, MODIFIED, DELETED or MOVED_TO_REVISIONS; a restore's SKIPPED; a verification's
 *     MATCHING, DIFFERING, MISSING_AT_DESTINATION or EXTRA_AT_DESTINATION
 */
record RunChangeItem(Kind kind, String path) {

  enum Kind {
    ADDED,
    MODIFIED,
    DELETED,
    MOVED_TO_REVISIONS,
    SKIPPED,
    MATCHING,
    DIFFERING,
    MISSING_AT_DESTINATION,
    EXTRA_AT_DESTINATION
  }

  /**
   * Every change of a run, added first, then modified, deleted and moved, each in run order; then a
   * restore's skipped files, and a verification's differences before its matching files.
   */
  static List<RunChangeItem> all(RunChanges changes, Kind only) {
    List<RunChangeItem> items = new ArrayList<>();
    if (changes == null) {
      return items;
    }
    add(items, Kind.ADDED, changes.added(), only);
    add(items, Kind.MODIFIED, changes.modified(), only);
    add(items, Kind.DELETED, changes.deleted(), only);
    add(items, Kind.MOVED_TO_REVISIONS, changes.movedToRevisions(), only);
    add(items, Kind.SKIPPED, changes.skipped(), only);
    add(items, Kind.DIFFERING, changes.differing(), only);
    add(items, Kind.MISSING_AT_DESTINATION, changes.missingAtDestination(), only);
    add(items, Kind.EXTRA_AT_DESTINATION, changes.extraAtDestination(), only);
    add(items, Kind.MATCHING, changes.matching(), only);
    return items;
  }

  private static void add(List<RunChangeItem> items, Kind kind, List<String> paths, Kind only) {
    if (only == null || only == kind) {
      paths.forEach(path -> items.add(new RunChangeItem(kind, path)));
    }
  }
}
