package io.syncplan.executor.run;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.syncplan.contracts.plan.RetryPolicy;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A run's retries as resilience4j sees them: the plan's attempts, delay and backoff, applied to
 * attempt results rather than exceptions, since a failed rclone is an outcome, not a crash.
 */
final class RetryPlan {

  /** Longest wait between two attempts, however steep the plan's backoff. */
  static final Duration MAX_DELAY = Duration.ofHours(1);

  private RetryPlan() {}

  /**
   * @param attempts attempts this executor may still make (earlier executors may have made some)
   * @param stopped true once the run was stopped: a stopped run is never retried
   */
  static Retry of(String runId, RetryPolicy policy, int attempts, BooleanSupplier stopped) {
    IntervalFunction waits =
        policy.backoffMultiplier() > 1.0
            ? IntervalFunction.ofExponentialBackoff(
                policy.delay(), policy.backoffMultiplier(), MAX_DELAY)
            : IntervalFunction.of(policy.delay());
    RetryConfig config =
        RetryConfig.<AttemptResult>custom()
            .maxAttempts(Math.max(1, attempts))
            .intervalFunction(waits)
            .retryOnResult(result -> result.retryable() && !stopped.getAsBoolean())
            .retryOnException(error -> false)
            .failAfterMaxAttempts(false)
            .build();
    return Retry.of(runId, config);
  }
}
