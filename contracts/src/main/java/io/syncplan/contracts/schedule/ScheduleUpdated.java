package io.syncplan.contracts.schedule;

import io.syncplan.contracts.message.Message;
import java.time.Instant;

/**
 * When a plan fires next, published by the scheduler whenever that changes.
 *
 * @param nextFireAt null when the plan does not fire (paused, on demand only, deleted)
 */
public record ScheduleUpdated(
    String planId, long planVersion, Instant nextFireAt, Instant lastFiredAt) implements Message {}
