package io.syncplan.contracts.run;

/**
 * What a run did, in numbers.
 *
 * @param conflicts BISYNC only: files changed on both sides since the last run
 */
public record RunStats(
    long filesAdded,
    long filesModified,
    long filesDeleted,
    long filesMovedToRevisions,
    long bytesTransferred,
    long filesChecked,
    long errors,
    long conflicts) {

  public static final RunStats EMPTY = new RunStats(0, 0, 0, 0, 0, 0, 0, 0);

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
}
