package io.syncplan.contracts.plan;

/** What happened to a plan. */
public enum PlanChange {
  CREATED,
  UPDATED,
  PAUSED,
  RESUMED,
  DELETED
}
