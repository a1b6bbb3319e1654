package io.syncplan.contracts.run;

/** Why a run was asked for. */
public enum RunTrigger {
  /** The plan's schedule was due. */
  SCHEDULE,
  /** Somebody asked for it through the API. */
  MANUAL,
  /** Another plan's run ended as the plan's {@code trigger.after} lists. */
  CHAINED
}
