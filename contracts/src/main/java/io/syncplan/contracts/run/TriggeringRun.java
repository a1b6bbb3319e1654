package io.syncplan.contracts.run;

import java.util.Objects;

/**
 * The run whose end started a chained run.
 *
 * @param status how it ended
 */
public record TriggeringRun(String planId, String runId, RunStatus status) {

  public TriggeringRun {
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(status, "status");
  }
}
