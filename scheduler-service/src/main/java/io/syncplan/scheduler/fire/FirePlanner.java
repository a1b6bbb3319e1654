package io.syncplan.scheduler.fire;

import io.syncplan.contracts.plan.OverlapPolicy;
import io.syncplan.contracts.schedule.FireSchedule;
import io.syncplan.scheduler.config.SchedulerProperties;
import io.syncplan.scheduler.schedule.FireProgress;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.RunActivity;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Decides what a due plan gets: the catch-up and overlap rules, with no I/O.
 *
 * <ul>
 *   <li>All the plan's fire times up to now are due. Those within the catch-up window are made up
 *       by one run, scheduled at the latest of them; older ones are skipped and counted as missed.
 *   <li>While a run of the plan is active, a due run is skipped (SKIP), or held until the active
 *       run ends (QUEUE_ONE: one held at most, further ones skipped).
 *   <li>A held run goes as soon as no run is active; a regular fire coming first takes its place.
 * </ul>
 */
@Component
class FirePlanner {

  /** Past this many missed times of one plan, the rest are skipped over without counting. */
  static final int MAX_COUNTED = 100_000;

  private final Duration catchUpWindow;
  private final Duration staleAfter;

  FirePlanner(SchedulerProperties properties) {
    this.catchUpWindow = properties.catchUpWindow();
    this.staleAfter = properties.staleRunAfter();
  }

  FireDecision decide(PlanSchedule plan, Instant now) {
    FireProgress progress = plan.progress();
    Instant windowStart = now.minus(catchUpWindow);
    FireSchedule times = plan.times();
    int missed = 0;
    int inWindow = 0;
    Instant latest = null;
    Instant last = null;
    Instant at = plan.nextFireAt();
    while (at != null && !at.isAfter(now)) {
      last = at;
      if (at.isBefore(windowStart)) {
        missed++;
        if (missed >= MAX_COUNTED) {
          at = times.next(windowStart.minusNanos(1));
          continue;
        }
      } else {
        inWindow++;
        latest = at;
      }
      at = times.next(at);
    }
    Instant doneThrough = last != null ? last : progress.doneThrough();
    // The loop stopped at the first time after now: the next fire time once these are dealt with.
    Instant next = last != null ? at : plan.nextFireAt();
    Instant held = plan.heldFire();
    RunActivity activity = plan.activity();
    boolean active = activity.isActive(now, staleAfter);
    boolean stale = !activity.isEmpty() && !active;

    if (latest != null && active) {
      boolean queue = plan.overlap() == OverlapPolicy.QUEUE_ONE && held == null;
      return new FireDecision(
          plan,
          null,
          null,
          new FireProgress(doneThrough, progress.lastFiredAt(), queue ? latest : held),
          next,
          false,
          missed,
          0,
          !queue,
          queue);
    }
    if (latest != null) {
      boolean caughtUp = inWindow > 1 || missed > 0 || held != null;
      return new FireDecision(
          plan,
          latest,
          caughtUp ? FireKind.CATCH_UP : FireKind.ON_TIME,
          new FireProgress(doneThrough, latest, null),
          next,
          stale,
          missed,
          inWindow - 1 + (held == null ? 0 : 1),
          false,
          false);
    }
    if (held != null && !active) {
      return new FireDecision(
          plan,
          held,
          FireKind.RELEASED,
          new FireProgress(doneThrough, held, null),
          next,
          stale,
          missed,
          0,
          false,
          false);
    }
    return new FireDecision(
        plan,
        null,
        null,
        new FireProgress(doneThrough, progress.lastFiredAt(), held),
        next,
        false,
        missed,
        0,
        false,
        false);
  }
}
