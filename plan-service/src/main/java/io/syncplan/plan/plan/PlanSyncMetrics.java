package io.syncplan.plan.plan;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.syncplan.contracts.schedule.FireSchedule;
import io.syncplan.contracts.schedule.FireTimes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Per plan, whether it is in sync, when it last succeeded and how many runs failed since, as gauges
 * tagged {@code plan_id} and {@code plan}. They follow the plan list this instance keeps in memory
 * (every instance knows every plan, so every instance reports the same values: query them with
 * {@code max by (plan_id)}); a scrape only reads that state, and a deleted plan's gauges go.
 *
 * <p>A plan's last verification is its latest VERIFY run that compared both sides: SUCCEEDED (no
 * difference) or PARTIAL (differences); one that failed to compare leaves it as it was.
 *
 * <p>A plan needs a resync when its executor found its bisync state untrustworthy (see {@link
 * PlanDocument.NeedsResync}).
 *
 * <p>A plan is out of sync when it is scheduled, not paused, and its last success (or, if it never
 * succeeded, its creation) is older than twice the gap between its next two fire times, as
 * VolSync's {@code volsync_volume_out_of_sync}.
 */
@Component
class PlanSyncMetrics {

  static final String OUT_OF_SYNC = "syncplan.plan.out.of.sync";
  static final String LAST_SUCCESS = "syncplan.plan.last.success.timestamp";
  static final String CONSECUTIVE_FAILURES = "syncplan.plan.consecutive.failures";
  static final String NEEDS_RESYNC = "syncplan.plan.needs.resync";
  static final String LAST_VERIFIED = "syncplan.plan.last.verified.timestamp";
  static final String VERIFY_DIFFERENCES = "syncplan.plan.verify.differences";

  private static final Logger log = LoggerFactory.getLogger(PlanSyncMetrics.class);

  /** What the gauges of one plan read. */
  record PlanState(
      boolean paused,
      FireSchedule schedule,
      Instant createdAt,
      Instant lastSuccessAt,
      int consecutiveFailures,
      boolean needsResync,
      PlanDocument.LastVerification lastVerification) {

    boolean outOfSync(Instant now) {
      if (paused || schedule == null) {
        return false;
      }
      Duration interval = schedule.intervalAt(now);
      Instant since = lastSuccessAt != null ? lastSuccessAt : createdAt;
      return interval != null
          && since != null
          && since.plus(interval.multipliedBy(2)).isBefore(now);
    }
  }

  private record Tracked(String name, PlanState state, List<Meter> meters) {}

  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Tracked> plans = new ConcurrentHashMap<>();

  PlanSyncMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** Takes the plan's current state; a deleted plan's gauges are removed. */
  void track(PlanDocument document) {
    if (document.deleted()) {
      forget(document.id());
      return;
    }
    PlanState state = stateOf(document);
    String name = document.plan().name();
    plans.compute(
        document.id(),
        (id, current) -> {
          if (current != null && current.name().equals(name)) {
            return new Tracked(name, state, current.meters());
          }
          if (current != null) {
            current.meters().forEach(registry::remove);
          }
          return new Tracked(name, state, register(id, name));
        });
  }

  void forget(String planId) {
    Tracked gone = plans.remove(planId);
    if (gone != null) {
      gone.meters().forEach(registry::remove);
    }
  }

  private List<Meter> register(String planId, String name) {
    Tags tags = Tags.of("plan_id", planId, "plan", name);
    return List.of(
        Gauge.builder(OUT_OF_SYNC, () -> value(planId, this::outOfSync))
            .description(
                "1 when a scheduled, active plan has not succeeded for twice its interval, else 0")
            .tags(tags)
            .register(registry),
        Gauge.builder(LAST_SUCCESS, () -> value(planId, PlanSyncMetrics::lastSuccess))
            .description("When the plan's latest successful run finished (absent: never)")
            .baseUnit("seconds")
            .tags(tags)
            .register(registry),
        Gauge.builder(
                CONSECUTIVE_FAILURES, () -> value(planId, state -> state.consecutiveFailures()))
            .description("Failed or partial runs of the plan since its last successful one")
            .tags(tags)
            .register(registry),
        Gauge.builder(NEEDS_RESYNC, () -> value(planId, state -> state.needsResync() ? 1 : 0))
            .description(
                "1 when a BISYNC plan's runs are refused until an operator resyncs it, else 0")
            .tags(tags)
            .register(registry),
        Gauge.builder(LAST_VERIFIED, () -> value(planId, PlanSyncMetrics::lastVerified))
            .description(
                "When the plan's latest verification that compared both sides finished (absent:"
                    + " never)")
            .baseUnit("seconds")
            .tags(tags)
            .register(registry),
        Gauge.builder(VERIFY_DIFFERENCES, () -> value(planId, PlanSyncMetrics::differences))
            .description(
                "Files differing, missing or extra at the destination in the plan's latest"
                    + " verification (absent: never verified)")
            .tags(tags)
            .register(registry));
  }

  private static double lastVerified(PlanState state) {
    return state.lastVerification() == null
        ? Double.NaN
        : state.lastVerification().finishedAt().toEpochMilli() / 1000.0;
  }

  private static double differences(PlanState state) {
    return state.lastVerification() == null ? Double.NaN : state.lastVerification().differences();
  }

  private double value(String planId, java.util.function.ToDoubleFunction<PlanState> reading) {
    Tracked tracked = plans.get(planId);
    return tracked == null ? Double.NaN : reading.applyAsDouble(tracked.state());
  }

  private double outOfSync(PlanState state) {
    return state.outOfSync(clock.instant()) ? 1 : 0;
  }

  private static double lastSuccess(PlanState state) {
    return state.lastSuccessAt() == null
        ? Double.NaN
        : state.lastSuccessAt().toEpochMilli() / 1000.0;
  }

  static PlanState stateOf(PlanDocument document) {
    FireSchedule schedule = null;
    if (document.plan().schedule() != null) {
      try {
        schedule = FireTimes.compile(document.plan().schedule());
      } catch (RuntimeException e) {
        // validated on the way in; a schedule this cannot read is left out rather than guessed
        log.warn(
            "Plan {}: schedule not understood for the out-of-sync gauge: {}",
            document.id(),
            e.toString());
      }
    }
    return new PlanState(
        document.plan().paused(),
        schedule,
        document.createdAt(),
        document.lastSuccessAt(),
        document.consecutiveFailures(),
        document.needsResync() != null,
        document.lastVerification());
  }
}
