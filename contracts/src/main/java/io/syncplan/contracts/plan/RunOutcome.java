package io.syncplan.contracts.plan;

import io.syncplan.contracts.run.RunStatus;

/** How a run ended, as a chain names the outcomes that start the next plan. */
public enum RunOutcome {
  SUCCESS,
  /** Ended early by a limit the plan set; what was done is kept. */
  PARTIAL,
  FAILURE,
  CANCELLED;

  /** The outcome of a run that ended with this final status. */
  public static RunOutcome of(RunStatus status) {
    return switch (status) {
      case SUCCEEDED -> SUCCESS;
      case PARTIAL -> PARTIAL;
      case FAILED -> FAILURE;
      case CANCELLED -> CANCELLED;
      default -> throw new IllegalArgumentException("not a final status: " + status);
    };
  }
}
