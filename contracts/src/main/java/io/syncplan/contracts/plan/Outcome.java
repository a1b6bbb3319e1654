package io.syncplan.contracts.plan;

/** Run outcomes a notification channel can ask for. */
public enum Outcome {
  START,
  SUCCESS,
  FAILURE,
  RETRYING,
  PARTIAL,
  CANCELLED,
  /** Only finished runs that added, changed or deleted at least one file. */
  CHANGES_ONLY,
  /** The plan paused itself after failing {@code schedule.pauseAfterFailures} times in a row. */
  PAUSED,
  /** A verification found the destination differing from the source, or could not finish. */
  VERIFY_FAILED,
  /**
   * A BISYNC plan's state can no longer be trusted and its runs are refused until an operator
   * resyncs it; told once, when the plan enters that state.
   */
  NEEDS_RESYNC
}
