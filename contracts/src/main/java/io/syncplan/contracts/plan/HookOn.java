package io.syncplan.contracts.plan;

/** When a plan's hook runs. */
public enum HookOn {
  /** Before rclone starts, once per run; with {@code abortOnError} a failure fails the run. */
  BEFORE,
  /** After a run that succeeded. */
  AFTER_SUCCESS,
  /** After a run that failed or ended partial. */
  AFTER_FAILURE,
  /** After every run that ran, whatever its outcome. */
  AFTER
}
