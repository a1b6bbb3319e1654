package io.syncplan.executor.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Lets a progress report through at most once per interval. */
final class ProgressThrottle {

  private final Clock clock;
  private final Duration interval;
  private Instant last = Instant.MIN;

  ProgressThrottle(Clock clock, Duration interval) {
    this.clock = clock;
    this.interval = interval;
  }

  boolean tryPass() {
    Instant now = clock.instant();
    if (last != Instant.MIN && Duration.between(last, now).compareTo(interval) < 0) {
      return false;
    }
    last = now;
    return true;
  }
}
