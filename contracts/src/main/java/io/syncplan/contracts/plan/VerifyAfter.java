package io.syncplan.contracts.plan;

/** When a plan verifies its destination by itself. */
public enum VerifyAfter {
  /** Only when asked through the API. */
  NEVER,
  /** After every sync run that succeeded. */
  EVERY_RUN,
  /** Once a day (UTC), once the plan has synced successfully. */
  DAILY
}
