package io.syncplan.notification.delivery;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import io.syncplan.notification.channel.AttemptResult;
import io.syncplan.notification.config.NotificationProperties;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * When a failed attempt is tried again: a resilience4j retry configuration (exponential backoff
 * with jitter, a receiver's {@code Retry-After} honoured, a bounded number of attempts).
 *
 * <p>The retry loop itself is not resilience4j's: its waits live in memory and die with the
 * process, while a delivery must survive a restart. So each wait is written to the delivery log as
 * {@code nextAttemptAt} and any instance can carry on from there; this policy decides how long.
 */
@Component
class DeliveryRetryPolicy {

  private final RetryConfig config;
  private final Duration maxRetryAfter;

  DeliveryRetryPolicy(NotificationProperties properties) {
    NotificationProperties.Delivery delivery = properties.delivery();
    this.maxRetryAfter = delivery.maxRetryAfter();
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            delivery.initialBackoff(), delivery.multiplier(), 0.2, delivery.maxBackoff());
    IntervalBiFunction<AttemptResult> interval =
        (attempt, outcome) -> waitMillis(attempt, outcome, backoff);
    this.config =
        RetryConfig.<AttemptResult>custom()
            .maxAttempts(delivery.maxAttempts())
            .retryOnResult(AttemptResult::retryable)
            .intervalBiFunction(interval)
            .build();
  }

  /**
   * How long to wait before the next attempt, or empty when there is none: the result is not worth
   * retrying, or {@code attempts} (those made so far) used them all.
   */
  Optional<Duration> nextWait(int attempts, AttemptResult result) {
    if (!config.<AttemptResult>getResultPredicate().test(result)
        || attempts >= config.getMaxAttempts()) {
      return Optional.empty();
    }
    long millis =
        config.<AttemptResult>getIntervalBiFunction().apply(attempts, Either.right(result));
    return Optional.of(Duration.ofMillis(millis));
  }

  int maxAttempts() {
    return config.getMaxAttempts();
  }

  private long waitMillis(
      int attempt, Either<Throwable, AttemptResult> outcome, IntervalFunction backoff) {
    if (outcome.isRight() && outcome.get().retryAfter() != null) {
      Duration asked = outcome.get().retryAfter();
      return (asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked).toMillis();
    }
    return backoff.apply(attempt);
  }
}
