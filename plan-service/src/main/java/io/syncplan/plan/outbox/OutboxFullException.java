package io.syncplan.plan.outbox;

import java.time.Duration;

/**
 * A plan has as many messages waiting for Kafka as it may hold (Kafka has been away for long): the
 * request is refused for now, without losing what was accepted before.
 */
public class OutboxFullException extends RuntimeException {

  private final Duration retryAfter;

  public OutboxFullException(String planId, Duration retryAfter) {
    super(
        "Plan "
            + planId
            + " has too many messages waiting for Kafka to accept another change or run request;"
            + " they are sent as soon as Kafka answers. Try again later.");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
