package io.syncplan.executor.run;

import io.syncplan.executor.rclone.RcloneRunner.RunningRclone;
import java.util.concurrent.locks.ReentrantLock;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Stops one run on this executor: kills the rclone it is running (with every process rclone
 * started) and ends a wait between attempts. A process started after the stop is killed at once.
 *
 * <p>It also knows where the run stands, so that a shutdown can drain it: a run waiting to retry is
 * handed back at once, a running attempt may finish (and is not retried once the executor is
 * draining), and a run whose attempts are over keeps its outcome whatever stops it afterwards.
 */
final class RunControl {

  /** Why a run was stopped before its end. */
  enum StopReason {
    /** A user asked for it: the run ends CANCELLED. */
    CANCEL_REQUESTED("cancelled on request; what was already transferred is kept"),
    /** Another executor took the run over: this one says nothing more about it. */
    LEASE_LOST("another executor took the run over"),
    /**
     * Its lease could not be renewed in time (MongoDB away, a partition): stopped before the lease
     * lapses, so that another executor never runs the plan while it still runs here. Whoever claims
     * the run once the lease has lapsed runs its next attempt.
     */
    LEASE_EXPIRING("the executor could not renew the run's lease in time"),
    /** This executor is shutting down: the run goes back to the ledger for another. */
    SHUTDOWN("the executor shut down");

    private final String description;

    StopReason(String description) {
      this.description = description;
    }

    String describe() {
      return description;
    }
  }

  /** Where the run stands, for a shutdown that drains it. */
  private enum Phase {
    /** Claimed, its first attempt not begun. */
    STARTING,
    /** An attempt is running, or its result is being judged. */
    ATTEMPT,
    /** Waiting before its next attempt. */
    WAITING,
    /** Its attempts are over: its outcome is known. */
    COMPLETED
  }

  private final Sinks.Empty<Void> stopped = Sinks.empty();
  private final ReentrantLock attempt = new ReentrantLock();
  private StopReason stopReason;
  private RunningRclone current;
  private Phase phase = Phase.STARTING;
  private boolean draining;

  synchronized void stop(StopReason reason) {
    if ((reason == StopReason.SHUTDOWN || reason == StopReason.LEASE_EXPIRING)
        && phase == Phase.COMPLETED) {
      // Its outcome is known and no rclone runs any more: it is published, not left for another
      // executor to redo.
      return;
    }
    if (stopReason == null) {
      stopReason = reason;
    }
    if (current != null) {
      current.stop();
    }
    stopped.tryEmitEmpty();
  }

  /**
   * The executor is shutting down: a run not in an attempt is stopped (handed back) now, a running
   * attempt may end, but no further attempt starts here.
   */
  synchronized void drain() {
    draining = true;
    if (phase == Phase.STARTING || phase == Phase.WAITING) {
      stop(StopReason.SHUTDOWN);
    }
  }

  /** An attempt begins. */
  synchronized void attemptStarts() {
    phase = Phase.ATTEMPT;
  }

  /**
   * True if a failed attempt may be followed by another here; while draining, the run is stopped
   * instead, to be retried by another executor.
   */
  synchronized boolean mayRetry() {
    if (draining) {
      stop(StopReason.SHUTDOWN);
    }
    return stopReason == null;
  }

  /** The wait before the next attempt begins; while draining, the run is stopped instead. */
  synchronized void waitsToRetry() {
    phase = Phase.WAITING;
    if (draining) {
      stop(StopReason.SHUTDOWN);
    }
  }

  /** The attempts are over; a shutdown no longer changes the run's outcome. */
  synchronized void complete() {
    phase = Phase.COMPLETED;
  }

  synchronized StopReason stopReason() {
    return stopReason;
  }

  /** Completes when the run is stopped. */
  Mono<Void> whenStopped() {
    return stopped.asMono();
  }

  /** Registers the rclone now running; false (and rclone killed) if the run was stopped. */
  synchronized boolean attach(RunningRclone rclone) {
    if (stopReason != null) {
      rclone.stop();
      return false;
    }
    current = rclone;
    return true;
  }

  synchronized void detach() {
    current = null;
  }

  /** Held while an attempt runs, so the run ends only after its attempt has. */
  ReentrantLock attemptLock() {
    return attempt;
  }

  /** Waits until no attempt is running. */
  void awaitAttemptEnd() {
    attempt.lock();
    attempt.unlock();
  }
}
