package io.syncplan.contracts.plan;

import java.time.Duration;

/**
 * How often a run that failed for a retryable reason is attempted again.
 *
 * @param attempts attempts in all, the first included
 * @param delay wait before the second attempt
 * @param backoffMultiplier each further wait is the previous one times this; 1 keeps it fixed
 */
public record RetryPolicy(int attempts, Duration delay, double backoffMultiplier) {

  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(30), 1.0);

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    delay = delay == null ? Duration.ofSeconds(30) : delay;
    backoffMultiplier = backoffMultiplier < 1.0 ? 1.0 : backoffMultiplier;
  }
}
