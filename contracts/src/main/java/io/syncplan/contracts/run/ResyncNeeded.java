package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import java.time.Instant;
import java.util.Objects;

/**
 * A BISYNC plan entered NEEDS_RESYNC: its state can no longer be trusted, so every run of it is
 * refused (FAILED, reason {@code BISYNC_NEEDS_RESYNC}) until an operator resyncs it. Published on
 * {@code syncplan.run-events} by the run that found it, before that run's outcome; a successful run
 * of the plan after it (its resync) ends the state.
 *
 * @param cause {@link #STATE_MISSING}, {@link #STATE_CORRUPT} or {@link #CRITICAL_ABORT}
 * @param message what happened, in words (rclone's own where it gave them)
 * @param since when the executor found it
 */
public record ResyncNeeded(String planId, String runId, String cause, String message, Instant since)
    implements Message {

  /** bisync's saved state of the plan is gone, or is not the state of the plan's two sides. */
  public static final String STATE_MISSING = "STATE_MISSING";

  /** bisync's saved state of the plan cannot be read. */
  public static final String STATE_CORRUPT = "STATE_CORRUPT";

  /** bisync stopped on a critical error, after which its state cannot be trusted. */
  public static final String CRITICAL_ABORT = "CRITICAL_ABORT";

  public ResyncNeeded {
    Objects.requireNonNull(planId, "planId");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(since, "since");
  }
}
