package io.syncplan.contracts.run;

/**
 * What a run did, in numbers.
 *
 * @param conflicts BISYNC only: files changed on both sides since the last run
 * @param filesSkipped RESTORE only: files not brought back because the target already had them (or
 *     a newer version of them)
 * @param filesMatching VERIFY only: files the same on both sides
 * @param filesDiffering VERIFY only: files on both sides that differ
 * @param filesMissingAtDestination VERIFY only: files of the source the destination lacks
 * @param filesExtraAtDestination VERIFY only: files at the destination the source lacks (not looked
 *     for in a COPY plan, which keeps them by design)
 */
public record RunStats(
    long filesAdded,
    long filesModified,
    long filesDeleted,
    long filesMovedToRevisions,
    long bytesTransferred,
    long filesChecked,
    long errors,
    long conflicts,
    Long filesSkipped,
    Long filesMatching,
    Long filesDiffering,
    Long filesMissingAtDestination,
    Long filesExtraAtDestination) {

  /** Runs stored before restores and verifications existed have none of their counts: zero. */
  public RunStats {
    filesSkipped = orZero(filesSkipped);
    filesMatching = orZero(filesMatching);
    filesDiffering = orZero(filesDiffering);
    filesMissingAtDestination = orZero(filesMissingAtDestination);
    filesExtraAtDestination = orZero(filesExtraAtDestination);
  }

  private static Long orZero(Long count) {
    return count == null ? 0L : count;
  }

  public static final RunStats EMPTY = new RunStats(0, 0, 0, 0, 0, 0, 0, 0);

  /** The numbers of a sync run (every kind but RESTORE and VERIFY). */
  public RunStats(
      long filesAdded,
      long filesModified,
      long filesDeleted,
      long filesMovedToRevisions,
      long bytesTransferred,
      long filesChecked,
      long errors,
      long conflicts) {
    this(
        filesAdded,
        filesModified,
        filesDeleted,
        filesMovedToRevisions,
        bytesTransferred,
        filesChecked,
        errors,
        conflicts,
        0L,
        0L,
        0L,
        0L,
        0L);
  }

  /** The numbers of a run without conflicts (every mode but BISYNC). */
  public RunStats(
      long filesAdded,
      long filesModified,
      long filesDeleted,
      long filesMovedToRevisions,
      long bytesTransferred,
      long filesChecked,
      long errors) {
    this(
        filesAdded,
        filesModified,
        filesDeleted,
        filesMovedToRevisions,
        bytesTransferred,
        filesChecked,
        errors,
        0);
  }

  /** True when the run added, changed or deleted at least one file. */
  public boolean changedAnything() {
    return filesAdded + filesModified + filesDeleted > 0;
  }

  /** VERIFY: the files in which the two sides differ; 0 when the destination matches. */
  public long differences() {
    return filesDiffering + filesMissingAtDestination + filesExtraAtDestination;
  }
}
