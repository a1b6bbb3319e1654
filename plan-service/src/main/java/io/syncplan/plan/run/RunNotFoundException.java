package io.syncplan.plan.run;

/** No run has this id. */
public class RunNotFoundException extends RuntimeException {

  public RunNotFoundException(String runId) {
    super("No run with id " + runId);
  }
}
