package io.syncplan.contracts.plan;

/** What a scheduled fire does while the plan's previous run is still active. */
public enum OverlapPolicy {
  /** The fire is skipped and counted. */
  SKIP,
  /** One fire waits until the active run ends; further ones are skipped and counted. */
  QUEUE_ONE
}
