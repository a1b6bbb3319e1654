package io.syncplan.plan.delivery;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How one notification to one channel went, as notification-service last reported it.
 *
 * @param id the event id and the channel: one document per notification and channel
 * @param eventId the run event the notification was about, or the request id of a test
 */
@Document("deliveries")
record DeliveryDocument(
    @Id String id,
    String planId,
    @Indexed String runId,
    @Indexed String eventId,
    String eventType,
    String channel,
    String status,
    int attempts,
    Integer lastResponseCode,
    String lastError,
    @Indexed Instant updatedAt) {}
