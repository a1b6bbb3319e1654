package io.syncplan.scheduler.fire;

/** Why a run command was sent. */
enum FireKind {
  /** The plan's one due time, however late the command leaves. */
  ON_TIME,
  /** One run for several missed times (the scheduler or Kafka was away). */
  CATCH_UP,
  /**
   * A fire held while the plan's previous run was active (overlap QUEUE_ONE), now that it ended.
   */
  RELEASED;

  String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
