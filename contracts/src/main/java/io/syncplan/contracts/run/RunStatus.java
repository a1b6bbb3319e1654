package io.syncplan.contracts.run;

/** Where a run stands. The last four are final. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  RETRYING,
  SUCCEEDED,
  /** Ended early by a limit the plan set (for example max transfer); what was done is kept. */
  PARTIAL,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == PARTIAL || this == FAILED || this == CANCELLED;
  }
}
