package io.syncplan.notification.rule;

import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunKind;
import io.syncplan.contracts.run.RunStatus;

/** What a notification is about. */
public enum Occasion {
  /** The first attempt of a run started. */
  STARTED,
  /** An attempt failed for a retryable reason and another will follow. */
  RETRYING,
  SUCCEEDED,
  PARTIAL,
  FAILED,
  CANCELLED,
  /** Somebody asked through the API to check that the plan's channels work. */
  TEST,
  /**
   * A BISYNC plan's state can no longer be trusted: its runs are refused until an operator resyncs
   * it. Told once, when the plan enters that state.
   */
  NEEDS_RESYNC,
  /**
   * The plan paused itself after {@code schedule.pauseAfterFailures} failed runs in a row: no run
   * starts until somebody resumes it.
   */
  PAUSED,
  /**
   * A verification found the destination differing from the source (PARTIAL), or could not compare
   * them (FAILED).
   */
  VERIFY_FAILED;

  /** What a finished run is about: a verification that did not succeed is a VERIFY_FAILED. */
  public static Occasion of(RunFinished finished) {
    if (finished.kind() == RunKind.VERIFY
        && (finished.status() == RunStatus.PARTIAL || finished.status() == RunStatus.FAILED)) {
      return VERIFY_FAILED;
    }
    return of(finished.status());
  }

  public static Occasion of(RunStatus finalStatus) {
    return switch (finalStatus) {
      case SUCCEEDED -> SUCCEEDED;
      case PARTIAL -> PARTIAL;
      case FAILED -> FAILED;
      case CANCELLED -> CANCELLED;
      default -> throw new IllegalArgumentException("not a final status: " + finalStatus);
    };
  }

  public boolean isFinished() {
    return this == SUCCEEDED
        || this == PARTIAL
        || this == FAILED
        || this == CANCELLED
        || this == VERIFY_FAILED;
  }
}
