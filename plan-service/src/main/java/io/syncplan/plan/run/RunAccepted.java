package io.syncplan.plan.run;

/** The answer to a run request: the id under which to follow the run. */
public record RunAccepted(String runId) {}
