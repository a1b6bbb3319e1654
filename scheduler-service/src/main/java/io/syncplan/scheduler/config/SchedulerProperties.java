package io.syncplan.scheduler.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the scheduler fires.
 *
 * @param tick how often the firing replica looks for due plans: the most a command leaves late when
 *     nothing else is slow
 * @param batchSize most plans handled in one go; a larger backlog is worked off batch after batch
 *     without waiting for the next tick
 * @param lease how long the firing replica stays in charge without renewing; after a crash the next
 *     replica takes over within this time
 * @param leaseRenewal how often the firing replica renews its lease and the others try to take it
 * @param catchUpWindow missed fire times younger than this are made up by one run per plan when the
 *     scheduler can fire again (after downtime, or Kafka being away); older ones are skipped and
 *     counted as missed. At least 10 seconds
 * @param staleRunAfter a run that has reported nothing for this long no longer blocks its plan's
 *     fires (a finished event was lost, or its executor pool has no executors)
 * @param sendTimeout how long Kafka gets to take a command before the producer gives it up and the
 *     firing loop sends the fire again later (the producer's {@code delivery.timeout.ms}); at least
 *     2 seconds
 * @param catchUpTimeout how long a replica taking over waits for the plan events it has not read
 *     yet before it fires anyway
 */
@ConfigurationProperties("syncplan.scheduler")
public record SchedulerProperties(
    @DefaultValue("100ms") Duration tick,
    @DefaultValue("1000") int batchSize,
    @DefaultValue("10s") Duration lease,
    @DefaultValue("1s") Duration leaseRenewal,
    @DefaultValue("1h") Duration catchUpWindow,
    @DefaultValue("1h") Duration staleRunAfter,
    @DefaultValue("20s") Duration sendTimeout,
    @DefaultValue("30s") Duration catchUpTimeout) {

  /** Shorter windows would count ordinary lateness under load as missed fires. */
  static final Duration MIN_CATCH_UP_WINDOW = Duration.ofSeconds(10);

  public SchedulerProperties {
    requirePositive(tick, "tick");
    requirePositive(leaseRenewal, "lease-renewal");
    if (sendTimeout.compareTo(Duration.ofSeconds(2)) < 0) {
      throw new IllegalArgumentException("syncplan.scheduler.send-timeout must be at least 2s");
    }
    requirePositive(staleRunAfter, "stale-run-after");
    if (batchSize < 1) {
      throw new IllegalArgumentException("syncplan.scheduler.batch-size must be at least 1");
    }
    if (lease.compareTo(leaseRenewal.multipliedBy(3)) < 0) {
      throw new IllegalArgumentException(
          "syncplan.scheduler.lease must be at least three times lease-renewal, so that one slow"
              + " renewal does not hand the schedules to another replica");
    }
    if (catchUpWindow.compareTo(MIN_CATCH_UP_WINDOW) < 0) {
      throw new IllegalArgumentException(
          "syncplan.scheduler.catch-up-window must be at least "
              + MIN_CATCH_UP_WINDOW.toSeconds()
              + "s: a fire a little late is still a fire, not a missed one");
    }
    if (catchUpTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "syncplan.scheduler.catch-up-timeout must not be negative");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("syncplan.scheduler." + name + " must be positive");
    }
  }
}
