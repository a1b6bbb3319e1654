package io.syncplan.plan.outbox;

import io.syncplan.plan.web.ServiceUnavailableException;
import java.time.Duration;

/**
 * A plan has as many messages waiting for Kafka as it may hold (Kafka has been away for long): the
 * request is refused for now, without losing what was accepted before.
 */
public class OutboxFullException extends ServiceUnavailableException {

  public OutboxFullException(String planId, Duration retryAfter) {
    super(
        "outbox-full",
        "Too much waiting for Kafka",
        "Plan "
            + planId
            + " has too many messages waiting for Kafka to accept another change or run request;"
            + " they are sent as soon as Kafka answers. Try again later.",
        retryAfter);
  }
}
