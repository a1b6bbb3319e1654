package io.syncplan.contracts.run;

import java.util.List;

/**
 * The paths a run touched, relative to the destination. The lists are capped; {@code omitted}
 * counts the paths left out.
 *
 * @param movedToRevisions paths whose previous version was moved into the revision history
 * @param conflicts BISYNC only: paths changed on both sides since the last run; the newer version
 *     wins on both sides and the other moves into the loser's history folder
 * @param conflictDetails BISYNC only, for a run that changed something (not a dry run): each
 *     conflict with both versions' modification times and sizes, the winner and where the other
 *     version is kept
 * @param resync BISYNC only, for a resync (its first run, one an operator asked for, or the preview
 *     of one): what it copied each way and what it replaced; null for any other run
 */
public record RunChanges(
    List<String> added,
    List<String> modified,
    List<String> deleted,
    List<String> movedToRevisions,
    List<String> conflicts,
    long omitted,
    List<BisyncConflict> conflictDetails,
    ResyncChanges resync) {

  public static final RunChanges NONE =
      new RunChanges(List.of(), List.of(), List.of(), List.of(), List.of(), 0);

  public RunChanges {
    added = added == null ? List.of() : List.copyOf(added);
    modified = modified == null ? List.of() : List.copyOf(modified);
    deleted = deleted == null ? List.of() : List.copyOf(deleted);
    movedToRevisions = movedToRevisions == null ? List.of() : List.copyOf(movedToRevisions);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    conflictDetails = conflictDetails == null ? List.of() : List.copyOf(conflictDetails);
  }

  /** The changes of a run that was no resync. */
  public RunChanges(
      List<String> added,
      List<String> modified,
      List<String> deleted,
      List<String> movedToRevisions,
      List<String> conflicts,
      long omitted,
      List<BisyncConflict> conflictDetails) {
    this(added, modified, deleted, movedToRevisions, conflicts, omitted, conflictDetails, null);
  }

  /** The changes of a run whose conflicts, if any, have no details (a dry run). */
  public RunChanges(
      List<String> added,
      List<String> modified,
      List<String> deleted,
      List<String> movedToRevisions,
      List<String> conflicts,
      long omitted) {
    this(added, modified, deleted, movedToRevisions, conflicts, omitted, List.of());
  }

  /** The changes of a run without conflicts (every mode but BISYNC). */
  public RunChanges(
      List<String> added,
      List<String> modified,
      List<String> deleted,
      List<String> movedToRevisions,
      long omitted) {
    this(added, modified, deleted, movedToRevisions, List.of(), omitted);
  }
}
