package io.syncplan.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The fencing deadline, on clocks that disagree: whoever holds a run stops it the margin before its
 * lease lapses on its own clock; another executor whose clock runs ahead by less than the margin
 * still finds the lease live at that moment, one ahead by more does not.
 */
class LeaseFenceTest {

  static final Duration LEASE = Duration.ofSeconds(30);
  static final Duration MARGIN = Duration.ofSeconds(10);
  static final Instant REAL = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void aRunIsStoppedTheMarginBeforeItsLeaseLapses() {
    LeaseFence fence = new LeaseFence(MARGIN, Clock.fixed(REAL, ZoneOffset.UTC));

    assertThat(fence.deadline(REAL.plus(LEASE))).isEqualTo(REAL.plusSeconds(20));
    assertThat(fence.untilDeadline(REAL.plus(LEASE))).isEqualTo(Duration.ofSeconds(20));
    assertThat(fence.untilDeadline(REAL.plusSeconds(5))).as("already past").isZero();
  }

  @Test
  void anExecutorAheadByLessThanTheMarginStillSeesTheLeaseLiveWhenTheHolderStops() {
    assertThat(leaseLiveForTheOtherWhenTheHolderStops(Duration.ofSeconds(9))).isTrue();
    assertThat(leaseLiveForTheOtherWhenTheHolderStops(Duration.ofSeconds(11))).isFalse();
  }

  /** The holder's clock is {@code skew} behind the other executor's, which is right. */
  private static boolean leaseLiveForTheOtherWhenTheHolderStops(Duration skew) {
    Clock holder = Clock.offset(Clock.fixed(REAL, ZoneOffset.UTC), skew.negated());
    // The lease as the holder writes it at its last renewal, and how long it then lets rclone run.
    Instant until = holder.instant().plus(LEASE);
    Duration runsFor = new LeaseFence(MARGIN, holder).untilDeadline(until);
    // The other executor takes the run over once its own clock is past `until`.
    Instant otherClockWhenHolderStops = REAL.plus(runsFor);
    return !otherClockWhenHolderStops.isAfter(until);
  }
}
