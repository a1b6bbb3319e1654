package io.syncplan.scheduler.schedule;

import java.time.Instant;

/**
 * How far a plan's schedule has been worked through. Written only by the firing replica.
 *
 * @param doneThrough the latest fire time dealt with (fired, skipped, queued or missed); later
 *     times are still to come
 * @param lastFiredAt the scheduled time of the latest run command sent
 * @param heldFireAt a fire kept waiting for the active run to end (overlap QUEUE_ONE), or null
 */
public record FireProgress(Instant doneThrough, Instant lastFiredAt, Instant heldFireAt) {

  public static final FireProgress NONE = new FireProgress(null, null, null);
}
