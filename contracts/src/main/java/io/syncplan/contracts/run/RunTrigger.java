package io.syncplan.contracts.run;

/** Why a run was asked for. */
public enum RunTrigger {
  /** The plan's schedule was due. */
  SCHEDULE,
  /** Somebody asked for it through the API. */
  MANUAL,
  /** Another plan's run ended as the plan's {@code trigger.after} lists. */
  CHAINED,
  /**
   * An operator asked to rebuild a BISYNC plan's state ({@code POST /plans/{id}/resync}): bisync
   * runs with {@code --resync}; with {@code dryRun}, a preview of what that would copy each way.
   */
  RESYNC
}
