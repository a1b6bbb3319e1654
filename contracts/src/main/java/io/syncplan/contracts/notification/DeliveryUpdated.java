package io.syncplan.contracts.notification;

import io.syncplan.contracts.message.Message;
import java.time.Instant;

/**
 * How one notification to one channel went, for the delivery log the API shows with a run.
 *
 * @param eventId the run event (or test request) the notification is about
 * @param channel {@code webhook:<host and a hash of the URL>} or {@code email:<address>}; never a
 *     secret
 * @param status PENDING, DELIVERED or FAILED
 */
public record DeliveryUpdated(
    String planId,
    String runId,
    String eventId,
    String eventType,
    String channel,
    String status,
    int attempts,
    Integer lastResponseCode,
    String lastError,
    Instant updatedAt)
    implements Message {}
