package io.syncplan.contracts.run;

/** What a run did, in numbers. */
public record RunStats(
    long filesAdded,
    long filesModified,
    long filesDeleted,
    long filesMovedToRevisions,
    long bytesTransferred,
    long filesChecked,
    long errors) {

  public static final RunStats EMPTY = new RunStats(0, 0, 0, 0, 0, 0, 0);

  /** True when the run added, changed or deleted at least one file. */
  public boolean changedAnything() {
    return filesAdded + filesModified + filesDeleted > 0;
  }
}
