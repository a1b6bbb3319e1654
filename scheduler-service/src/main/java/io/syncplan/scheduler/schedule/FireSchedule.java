package io.syncplan.scheduler.schedule;

import java.time.Instant;

/** A compiled schedule: the instants it fires at. Made by {@link FireTimes#compile}. */
public interface FireSchedule {

  /**
   * The first fire time strictly after {@code after}, or null if the schedule never fires again.
   */
  Instant next(Instant after);
}
