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
 * @param skipped RESTORE only: files not brought back because the target already had them, or a
 *     newer version of them
 * @param matching VERIFY only: files the same on both sides
 * @param differing VERIFY only: files on both sides that differ
 * @param missingAtDestination VERIFY only: files of the source the destination lacks
 * @param extraAtDestination VERIFY only: files at the destination the source lacks
 */
public record RunChanges(
    List<String> added,
    List<String> modified,
    List<String> deleted,
    List<String> movedToRevisions,
    List<String> conflicts,
    long omitted,
    List<BisyncConflict> conflictDetails,
    ResyncChanges resync,
    List<String> skipped,
    List<String> matching,
    List<String> differing,
    List<String> missingAtDestination,
    List<String> extraAtDestination) {

  public static final RunChanges NONE =
      new RunChanges(List.of(), List.of(), List.of(), List.of(), List.of(), 0);

  public RunChanges {
    added = added == null ? List.of() : List.copyOf(added);
    modified = modified == null ? List.of() : List.copyOf(modified);
    deleted = deleted == null ? List.of() : List.copyOf(deleted);
    movedToRevisions = movedToRevisions == null ? List.of() : List.copyOf(movedToRevisions);
    conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    conflictDetails = conflictDetails == null ? List.of() : List.copyOf(conflictDetails);
    skipped = listOf(skipped);
    matching = listOf(matching);
    differing = listOf(differing);
    missingAtDestination = listOf(missingAtDestination);
    extraAtDestination = listOf(extraAtDestination);
  }

  /** The changes of a sync run (every kind but RESTORE and VERIFY). */
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

  /** The changes of a BISYNC resync, or of any sync run when {@code resync} is null. */
  public RunChanges(
      List<String> added,
      List<String> modified,
      List<String> deleted,
      List<String> movedToRevisions,
      List<String> conflicts,
      long omitted,
      List<BisyncConflict> conflictDetails,
      ResyncChanges resync) {
    this(
        added,
        modified,
        deleted,
        movedToRevisions,
        conflicts,
        omitted,
        conflictDetails,
        resync,
        null,
        null,
        null,
        null,
        null);
  }

  /** What a RESTORE run did: files brought back new or over older ones, and files it left. */
  public static RunChanges restored(
      List<String> added,
      List<String> modified,
      List<String> movedToRevisions,
      List<String> skipped,
      long omitted) {
    return new RunChanges(
        added,
        modified,
        null,
        movedToRevisions,
        null,
        omitted,
        null,
        null,
        skipped,
        null,
        null,
        null,
        null);
  }

  /** What a VERIFY run found. */
  public static RunChanges verified(
      List<String> matching,
      List<String> differing,
      List<String> missingAtDestination,
      List<String> extraAtDestination,
      long omitted) {
    return new RunChanges(
        null,
        null,
        null,
        null,
        null,
        omitted,
        null,
        null,
        null,
        matching,
        differing,
        missingAtDestination,
        extraAtDestination);
  }

  private static List<String> listOf(List<String> paths) {
    return paths == null ? List.of() : List.copyOf(paths);
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
