package io.syncplan.plan.run;

import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.run.RunKind;

/**
 * The answer to a run request: the run to follow (a sync, a restore or a verification), and where.
 */
record RunAccepted(
    String runId, String planId, RunKind kind, Priority priority, boolean dryRun, Links links) {

  /** Where to follow the run. */
  public record Links(String run, String events, String changes, String log) {}

  static RunAccepted of(RunDocument run) {
    String base = "/api/v1/runs/" + run.runId();
    return new RunAccepted(
        run.runId(),
        run.planId(),
        run.kind(),
        run.priority(),
        run.dryRun(),
        new Links(base, base + "/events", base + "/changes", base + "/log"));
  }
}
