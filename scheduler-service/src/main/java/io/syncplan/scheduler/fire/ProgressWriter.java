package io.syncplan.scheduler.fire;

import io.syncplan.scheduler.schedule.ActivityWrites;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.ScheduleBook;
import io.syncplan.scheduler.schedule.ScheduleStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Stores the firing progress of plans in MongoDB. A failed write is not retried on the spot: the
 * book is right and the commands are out, so the plans are remembered and written again on a later
 * tick. A replica taking over before then sends those fires again, under the same run ids.
 */
@Component
public class ProgressWriter {

  private static final Logger log = LoggerFactory.getLogger(ProgressWriter.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ScheduleStore store;
  private final ScheduleBook book;
  private final ActivityWrites activityWrites;
  private final Set<String> unsaved = ConcurrentHashMap.newKeySet();

  ProgressWriter(ScheduleStore store, ScheduleBook book, ActivityWrites activityWrites) {
    this.store = store;
    this.book = book;
    this.activityWrites = activityWrites;
  }

  /**
   * Writes the plans' progress, with the run just sent for some of them.
   *
   * @param sentRunIds run id of the command sent, by plan id
   */
  public Mono<Void> save(Collection<PlanSchedule> plans, Map<String, String> sentRunIds) {
    if (plans.isEmpty()) {
      return Mono.empty();
    }
    Mono<Void> write =
        sentRunIds.isEmpty()
            ? store.saveProgress(plans, Map.of())
            : Mono.fromRunnable(
                () ->
                    activityWrites.inTurn(
                        () -> store.saveProgress(plans, stillActive(sentRunIds)).block(TIMEOUT)));
    return write
        .timeout(TIMEOUT)
        .onErrorResume(
            error -> {
              log.warn(
                  "Could not store the progress of {} plans, will retry: {}",
                  plans.size(),
                  error.toString());
              plans.forEach(plan -> unsaved.add(plan.planId()));
              return Mono.empty();
            });
  }

  /** The runs just sent that are still active: a quick one may have finished already. */
  private Map<String, String> stillActive(Map<String, String> sentRunIds) {
    Map<String, String> active = new HashMap<>();
    sentRunIds.forEach(
        (planId, runId) -> {
          PlanSchedule plan = book.get(planId);
          if (plan != null && plan.activity().isRunning(runId)) {
            active.put(planId, runId);
          }
        });
    return active;
  }

  /** Writes again what could not be written before. */
  void retry() {
    if (unsaved.isEmpty()) {
      return;
    }
    List<PlanSchedule> plans = new ArrayList<>();
    for (String planId : List.copyOf(unsaved)) {
      unsaved.remove(planId);
      PlanSchedule plan = book.get(planId);
      if (plan != null) {
        plans.add(plan);
      }
    }
    save(plans, Map.of()).block(TIMEOUT.plusSeconds(5));
  }

  /** Forgets what is still to be written (this replica no longer fires). */
  void reset() {
    unsaved.clear();
  }
}
