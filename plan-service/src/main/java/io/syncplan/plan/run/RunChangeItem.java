package io.syncplan.plan.run;

import io.syncplan.contracts.run.RunChanges;
import java.util.ArrayList;
import java.util.List;

/**
 * One path a run touched, relative to the destination.
 *
 * @param kind ADDED, MODIFIED, DELETED or MOVED_TO_REVISIONS
 */
record RunChangeItem(Kind kind, String path) {

  enum Kind {
    ADDED,
    MODIFIED,
    DELETED,
    MOVED_TO_REVISIONS
  }

  /** Every change of a run, added first, then modified, deleted and moved, each in run order. */
  static List<RunChangeItem> all(RunChanges changes, Kind only) {
    List<RunChangeItem> items = new ArrayList<>();
    if (changes == null) {
      return items;
    }
    add(items, Kind.ADDED, changes.added(), only);
    add(items, Kind.MODIFIED, changes.modified(), only);
    add(items, Kind.DELETED, changes.deleted(), only);
    add(items, Kind.MOVED_TO_REVISIONS, changes.movedToRevisions(), only);
    return items;
  }

  private static void add(List<RunChangeItem> items, Kind kind, List<String> paths, Kind only) {
    if (only == null || only == kind) {
      paths.forEach(path -> items.add(new RunChangeItem(kind, path)));
    }
  }
}
