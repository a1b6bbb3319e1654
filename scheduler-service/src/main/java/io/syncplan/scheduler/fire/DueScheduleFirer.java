package io.syncplan.scheduler.fire;

import io.syncplan.scheduler.config.SchedulerProperties;
import io.syncplan.scheduler.schedule.PlanSchedule;
import io.syncplan.scheduler.schedule.ScheduleBook;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Fires one batch of due plans: decides each (catch-up, overlap), then fires those that fire in
 * chunks, several at once, so that reading one chunk's snapshots overlaps sending another's
 * commands. A plan moves on only once its command is on Kafka, so a fire is never lost; a fire sent
 * twice (a replica died before recording it) carries the same run id and runs once.
 */
@Component
public class DueScheduleFirer {

  /** Plans per chunk, and chunks in flight at once. */
  static final int CHUNK = 200;

  static final int IN_FLIGHT = 4;

  private final ScheduleBook book;
  private final FirePlanner planner;
  private final ChunkFirer chunks;
  private final ProgressWriter progress;
  private final SchedulerMetrics metrics;
  private final SchedulerProperties properties;
  private final Clock clock;

  DueScheduleFirer(
      ScheduleBook book,
      FirePlanner planner,
      ChunkFirer chunks,
      ProgressWriter progress,
      SchedulerMetrics metrics,
      SchedulerProperties properties,
      Clock clock) {
    this.book = book;
    this.planner = planner;
    this.chunks = chunks;
    this.progress = progress;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
  }

  /** The outcome of one batch. */
  public record Batch(int due, int failed) {
    public boolean full(int batchSize) {
      return due >= batchSize;
    }
  }

  /** Fires up to one batch of the plans due now. */
  public Batch fireDue() {
    Instant now = clock.instant();
    List<PlanSchedule> due = book.due(now, properties.batchSize());
    if (due.isEmpty()) {
      progress.retry();
      return new Batch(0, 0);
    }
    List<FireDecision> fires = new ArrayList<>();
    List<PlanSchedule> settled = new ArrayList<>();
    for (PlanSchedule plan : due) {
      FireDecision decision = planner.decide(plan, now);
      if (decision.fires()) {
        fires.add(decision);
      } else {
        metrics.decided(decision);
        PlanSchedule after =
            book.updateIfPresent(
                plan.planId(), current -> current.withProgress(decision.progress()));
        if (after != null) {
          settled.add(after);
        }
      }
    }
    Integer failed =
        Flux.fromIterable(partition(fires))
            .flatMap(chunk -> chunks.fire(chunk, now), IN_FLIGHT)
            .reduce(0, Integer::sum)
            .block(properties.sendTimeout().plusSeconds(30));
    progress.save(settled, Map.of()).block(properties.sendTimeout().plusSeconds(30));
    return new Batch(due.size(), failed == null ? 0 : failed);
  }

  private static List<List<FireDecision>> partition(List<FireDecision> fires) {
    List<List<FireDecision>> chunks = new ArrayList<>();
    for (int start = 0; start < fires.size(); start += CHUNK) {
      chunks.add(fires.subList(start, Math.min(fires.size(), start + CHUNK)));
    }
    return chunks;
  }

  /** Forgets progress still to be stored (this replica no longer fires). */
  public void reset() {
    progress.reset();
  }
}
