package io.syncplan.contracts.plan;

import io.syncplan.contracts.message.Message;

/**
 * How a {@link DestinationPurgeRequested} went.
 *
 * @param existed false when there was nothing at the destination to remove (still a success)
 * @param error why nothing or not everything was removed; null when it succeeded
 */
public record DestinationPurged(
    String planId, String requestId, boolean success, boolean existed, String error)
    implements Message {}
