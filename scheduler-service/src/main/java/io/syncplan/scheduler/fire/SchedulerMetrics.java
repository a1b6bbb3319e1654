package io.syncplan.scheduler.fire;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The scheduler's Micrometer meters, all under {@code syncplan.scheduler}:
 *
 * <ul>
 *   <li>{@code fires} (kind = on_time, catch_up, released): run commands sent;
 *   <li>{@code fires.coalesced}: missed fire times made up by a catch-up run beside its own;
 *   <li>{@code fires.missed}: fire times older than the catch-up window, skipped;
 *   <li>{@code fires.skipped} (reason = overlap): runs not sent because the plan's run was active;
 *   <li>{@code fires.queued} (reason = overlap): runs held until the plan's active run ends;
 *   <li>{@code fires.failed}: commands Kafka did not take (tried again);
 *   <li>{@code lateness} (kind): from a run's scheduled time to its command being on Kafka, with a
 *       percentile histogram.
 * </ul>
 */
@Component
class SchedulerMetrics {

  private final Map<FireKind, Counter> fires = new EnumMap<>(FireKind.class);
  private final Map<FireKind, Timer> lateness = new EnumMap<>(FireKind.class);
  private final Counter coalesced;
  private final Counter missed;
  private final Counter skippedForOverlap;
  private final Counter queuedForOverlap;
  private final Counter failed;

  public SchedulerMetrics(MeterRegistry registry) {
    for (FireKind kind : FireKind.values()) {
      fires.put(
          kind,
          Counter.builder("syncplan.scheduler.fires")
              .description("Run commands sent for due schedules")
              .tag("kind", kind.tag())
              .register(registry));
      lateness.put(
          kind,
          Timer.builder("syncplan.scheduler.lateness")
              .description("From a run's scheduled time to its command being on Kafka")
              .tag("kind", kind.tag())
              .publishPercentileHistogram()
              .serviceLevelObjectives(
                  Duration.ofMillis(100),
                  Duration.ofMillis(250),
                  Duration.ofMillis(500),
                  Duration.ofSeconds(1),
                  Duration.ofSeconds(5))
              .minimumExpectedValue(Duration.ofMillis(1))
              .maximumExpectedValue(Duration.ofHours(1))
              .register(registry));
    }
    coalesced =
        Counter.builder("syncplan.scheduler.fires.coalesced")
            .description("Missed fire times made up by one catch-up run")
            .register(registry);
    missed =
        Counter.builder("syncplan.scheduler.fires.missed")
            .description("Fire times older than the catch-up window, skipped")
            .register(registry);
    skippedForOverlap =
        Counter.builder("syncplan.scheduler.fires.skipped")
            .description("Due runs not sent because the plan's previous run was active")
            .tag("reason", "overlap")
            .register(registry);
    queuedForOverlap =
        Counter.builder("syncplan.scheduler.fires.queued")
            .description("Due runs held until the plan's active run ends")
            .tag("reason", "overlap")
            .register(registry);
    failed =
        Counter.builder("syncplan.scheduler.fires.failed")
            .description("Run commands Kafka did not take; tried again")
            .register(registry);
  }

  void decided(FireDecision decision) {
    missed.increment(decision.missed());
    if (decision.skippedForOverlap()) {
      skippedForOverlap.increment();
    }
    if (decision.queuedForOverlap()) {
      queuedForOverlap.increment();
    }
  }

  void fired(FireDecision decision, Duration late) {
    fires.get(decision.kind()).increment();
    coalesced.increment(decision.coalesced());
    lateness.get(decision.kind()).record(late.isNegative() ? Duration.ZERO : late);
  }

  void failed(int commands) {
    failed.increment(commands);
  }
}
