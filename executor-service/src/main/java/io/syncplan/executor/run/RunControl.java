package io.syncplan.executor.run;

import io.syncplan.executor.rclone.RcloneRunner.RunningRclone;
import java.util.concurrent.locks.ReentrantLock;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Stops one run on this executor: kills the rclone it is running (with every process rclone
 * started) and ends a wait between attempts. A process started after the stop is killed at once.
 */
final class RunControl {

  /** Why a run was stopped before its end. */
  enum StopReason {
    /** A user asked for it: the run ends CANCELLED. */
    CANCEL_REQUESTED("cancelled on request; what was already transferred is kept"),
    /** Another executor took the run over: this one says nothing more about it. */
    LEASE_LOST("another executor took the run over"),
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

  private final Sinks.Empty<Void> stopped = Sinks.empty();
  private final ReentrantLock attempt = new ReentrantLock();
  private StopReason stopReason;
  private RunningRclone current;

  synchronized void stop(StopReason reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
    if (current != null) {
      current.stop();
    }
    stopped.tryEmitEmpty();
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
