package io.syncplan.contracts.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A compiled schedule: the instants it fires at. Made by {@link FireTimes#compile}. */
public interface FireSchedule {

  /**
   * The first fire time strictly after {@code after}, or null if the schedule never fires again.
   */
  Instant next(Instant after);

  /** The next {@code count} fire times after {@code after}, fewer if the schedule ends. */
  default List<Instant> next(Instant after, int count) {
    List<Instant> fires = new ArrayList<>(count);
    Instant at = after;
    while (fires.size() < count && (at = next(at)) != null) {
      fires.add(at);
    }
    return fires;
  }

  /**
   * The gap between the next two fire times after {@code now}: what a plan's interval is at that
   * moment (a weekly plan on Monday and Wednesday has a short one before Wednesday and a long one
   * before Monday). Null if the schedule fires fewer than twice more.
   */
  default Duration intervalAt(Instant now) {
    List<Instant> next = next(now, 2);
    return next.size() < 2 ? null : Duration.between(next.get(0), next.get(1));
  }
}
