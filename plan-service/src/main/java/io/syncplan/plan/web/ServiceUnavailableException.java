package io.syncplan.plan.web;

import java.time.Duration;

/**
 * The request cannot be taken now, and nothing was changed (503 with {@code Retry-After}): for
 * example a plan's outbox is full while Kafka is away.
 */
public class ServiceUnavailableException extends RuntimeException {

  private final String type;
  private final String title;
  private final Duration retryAfter;

  /**
   * @param type the problem type's last segment, {@code https://syncplan.dev/problems/<type>}
   */
  public ServiceUnavailableException(
      String type, String title, String detail, Duration retryAfter) {
    super(detail);
    this.type = type;
    this.title = title;
    this.retryAfter = retryAfter;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
