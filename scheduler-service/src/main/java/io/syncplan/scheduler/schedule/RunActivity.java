package io.syncplan.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The runs of one plan that are active, as far as the scheduler knows: a scheduled run counts as
 * active from the moment its command is sent, any run from its queued, started or retrying event,
 * until its finished event. A run that has reported nothing for the stale-after period is presumed
 * dead, so a lost event cannot block a plan for ever.
 *
 * @param active the runs not yet finished
 * @param lastSeen the last sign of life of any active run
 * @param finished the most recent finished runs, so that a late or repeated event about one of them
 *     does not make it active again
 */
public record RunActivity(Set<String> active, Instant lastSeen, List<String> finished) {

  /** How many finished run ids are remembered per plan. */
  static final int FINISHED_KEPT = 8;

  public static final RunActivity NONE = new RunActivity(Set.of(), null, List.of());

  public RunActivity {
    active = Set.copyOf(active);
    finished = List.copyOf(finished);
  }

  public boolean isEmpty() {
    return active.isEmpty();
  }

  /** Whether a run is active at {@code now}, active runs that went quiet for too long aside. */
  public boolean isActive(Instant now, Duration staleAfter) {
    return !active.isEmpty() && now.isBefore(staleAt(staleAfter));
  }

  /** When the active runs will be presumed dead if nothing is heard of them. */
  public Instant staleAt(Duration staleAfter) {
    return lastSeen == null ? Instant.MIN : lastSeen.plus(staleAfter);
  }

  /** The run is active (queued, started, retrying, or its command just sent). */
  public RunActivity started(String runId, Instant now) {
    if (finished.contains(runId)) {
      return this;
    }
    Set<String> runs = new LinkedHashSet<>(active);
    runs.add(runId);
    return new RunActivity(runs, now, finished);
  }

  /** Only the given run is active: the ones before it were presumed dead. */
  public RunActivity replacedBy(String runId, Instant now) {
    return new RunActivity(Set.of(runId), now, finished);
  }

  /** A progress report: an active run is alive. */
  public RunActivity seen(String runId, Instant now) {
    return active.contains(runId) ? new RunActivity(active, now, finished) : this;
  }

  public RunActivity finished(String runId) {
    if (finished.contains(runId) && !active.contains(runId)) {
      return this;
    }
    Set<String> runs = new LinkedHashSet<>(active);
    runs.remove(runId);
    List<String> done = new ArrayList<>(finished);
    done.remove(runId);
    done.add(runId);
    if (done.size() > FINISHED_KEPT) {
      done = done.subList(done.size() - FINISHED_KEPT, done.size());
    }
    return new RunActivity(runs, lastSeen, done);
  }
}
