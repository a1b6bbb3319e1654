package io.syncplan.contracts.run;

/**
 * What a run does. Events and commands written before kinds existed carry none and are read as
 * {@link #SYNC}.
 */
public enum RunKind {
  /** The plan's own sync in its mode: what every run did before restores and verifications. */
  SYNC,
  /**
   * Copies files back from the destination's current files or its history ({@link RestoreSpec}).
   */
  RESTORE,
  /** Compares the destination with the source and changes nothing ({@link VerifySpec}). */
  VERIFY;

  /** The kind a message names, {@link #SYNC} when it names none. */
  public static RunKind orSync(RunKind kind) {
    return kind == null ? SYNC : kind;
  }
}
