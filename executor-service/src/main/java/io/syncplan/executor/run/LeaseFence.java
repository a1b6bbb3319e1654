package io.syncplan.executor.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When an executor must have stopped a run whose lease it could not renew: at the lease's end minus
 * a margin, on this executor's clock.
 *
 * <p>Leases are written and judged on the executors' own clocks: the executor holding a run writes
 * "mine until T" (its clock plus the lease duration, read before the write is sent), and another
 * executor takes the run over once its own clock is past T. So an executor whose clock runs ahead
 * of this one's by less than the margin, less the moment rclone takes to die, still sees the lease
 * live until this executor has stopped its rclone: two executors never run one plan at once. A
 * larger skew, or a pause of this JVM longer than the margin, can break that; keep the clocks in
 * step (NTP) and the margin well above both.
 */
final class LeaseFence {

  private final Duration margin;
  private final Clock clock;

  LeaseFence(Duration margin, Clock clock) {
    this.margin = margin;
    this.clock = clock;
  }

  /** When the run must be stopped, unless its lease (held until {@code leaseUntil}) is renewed. */
  Instant deadline(Instant leaseUntil) {
    return leaseUntil.minus(margin);
  }

  /** How long from now until that deadline; zero once it has passed. */
  Duration untilDeadline(Instant leaseUntil) {
    Duration left = Duration.between(clock.instant(), deadline(leaseUntil));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
