package io.syncplan.plan.plan;

/** The plans as this instance's in-memory plan list has them, for other features to look up. */
public interface PlanDirectory {

  /** The plan's summary, or null when this instance does not know the plan (yet). */
  PlanSummary summary(String planId);
}
