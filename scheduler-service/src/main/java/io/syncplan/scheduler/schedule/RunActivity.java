package io.syncplan.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;

/**
 * The runs of one plan that are active, as far as the scheduler knows: a scheduled run counts as
 * active from the moment its command is sent, any run from its queued, started or retrying event,
 * until its finished event. A run that has reported nothing for the stale-after period is presumed
 * dead, so a lost event cannot block a plan for ever. The most recent finished runs are remembered,
 * so a late or repeated event about one of them does not make it active again.
 *
 * <p>Runs are held as 64-bit hashes of their ids: a hundred thousand plans keep a few longs each
 * instead of a few run-id strings each. (MongoDB keeps the ids themselves.)
 */
public final class RunActivity {

  /** How many finished runs are remembered per plan. */
  public static final int FINISHED_KEPT = 4;

  private static final long[] NO_RUNS = new long[0];

  public static final RunActivity NONE = new RunActivity(NO_RUNS, null, NO_RUNS);

  private final long[] active;
  private final Instant lastSeen;
  private final long[] finished;

  private RunActivity(long[] active, Instant lastSeen, long[] finished) {
    this.active = active;
    this.lastSeen = lastSeen;
    this.finished = finished;
  }

  /** Activity as stored: these runs active since {@code lastSeen}, these recently finished. */
  static RunActivity of(Collection<String> active, Instant lastSeen, Collection<String> finished) {
    long[] finishedHashes = finished.stream().mapToLong(RunActivity::hash).distinct().toArray();
    long[] activeHashes =
        active.stream()
            .mapToLong(RunActivity::hash)
            .filter(run -> !contains(finishedHashes, run))
            .distinct()
            .toArray();
    return new RunActivity(
        activeHashes, activeHashes.length == 0 ? null : lastSeen, finishedHashes);
  }

  public boolean isEmpty() {
    return active.length == 0;
  }

  /** Whether this run is among the active ones. */
  public boolean isRunning(String runId) {
    return contains(active, hash(runId));
  }

  /** Whether this run is among the recently finished ones. */
  public boolean hasFinished(String runId) {
    return contains(finished, hash(runId));
  }

  /** How many runs are active (queued, started, retrying, or their command just sent). */
  public int activeCount() {
    return active.length;
  }

  /** Whether a run is active at {@code now}, active runs that went quiet for too long aside. */
  public boolean isActive(Instant now, Duration staleAfter) {
    return active.length > 0 && now.isBefore(staleAt(staleAfter));
  }

  /** When the active runs will be presumed dead if nothing is heard of them. */
  public Instant staleAt(Duration staleAfter) {
    return lastSeen == null ? Instant.MIN : lastSeen.plus(staleAfter);
  }

  /** The run is active (queued, started, retrying, or its command just sent). */
  public RunActivity started(String runId, Instant now) {
    long run = hash(runId);
    if (contains(finished, run)) {
      return this;
    }
    return new RunActivity(contains(active, run) ? active : append(active, run), now, finished);
  }

  /** Only the given run is active: the ones before it were presumed dead. */
  public RunActivity replacedBy(String runId, Instant now) {
    return new RunActivity(new long[] {hash(runId)}, now, finished);
  }

  /** A progress report: an active run is alive. */
  public RunActivity seen(String runId, Instant now) {
    return contains(active, hash(runId)) ? new RunActivity(active, now, finished) : this;
  }

  public RunActivity finished(String runId) {
    long run = hash(runId);
    long[] stillActive = Arrays.stream(active).filter(other -> other != run).toArray();
    long[] done = Arrays.stream(finished).filter(other -> other != run).toArray();
    done = append(done, run);
    if (done.length > FINISHED_KEPT) {
      done = Arrays.copyOfRange(done, done.length - FINISHED_KEPT, done.length);
    }
    return new RunActivity(
        stillActive.length == 0 ? NO_RUNS : stillActive,
        stillActive.length == 0 ? null : lastSeen,
        done);
  }

  private static boolean contains(long[] runs, long run) {
    for (long other : runs) {
      if (other == run) {
        return true;
      }
    }
    return false;
  }

  private static long[] append(long[] runs, long run) {
    long[] more = Arrays.copyOf(runs, runs.length + 1);
    more[runs.length] = run;
    return more;
  }

  /** A 64-bit hash of a run id: two runs of one plan colliding is not a practical concern. */
  static long hash(String runId) {
    long hash = 1125899906842597L;
    for (int i = 0; i < runId.length(); i++) {
      hash = 31 * hash + runId.charAt(i);
    }
    return hash;
  }

  @Override
  public String toString() {
    return "RunActivity[" + active.length + " active, last seen " + lastSeen + "]";
  }
}
