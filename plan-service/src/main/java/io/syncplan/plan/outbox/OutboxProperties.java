package io.syncplan.plan.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How plan messages wait for Kafka.
 *
 * @param maxPending the most a plan's messages waiting for Kafka may weigh, all together. The
 *     outbox lives in the plan's document, which MongoDB caps at 16 MB: a change or run request
 *     that would pass this is refused with {@code 503} and {@code Retry-After} until Kafka took
 *     some
 * @param retryAfter what {@code Retry-After} says then
 * @param sweepInterval how often plans whose messages could not be sent (Kafka down) are tried
 *     again, and deleted plans whose last messages went out are forgotten
 */
@ConfigurationProperties("syncplan.outbox")
public record OutboxProperties(
    @DefaultValue("4MB") DataSize maxPending,
    @DefaultValue("30s") Duration retryAfter,
    @DefaultValue("2s") Duration sweepInterval) {

  /** Below the document cap with room to spare for the plan itself. */
  private static final DataSize MOST = DataSize.ofMegabytes(12);

  public OutboxProperties {
    if (maxPending.toBytes() < DataSize.ofKilobytes(64).toBytes()
        || maxPending.toBytes() > MOST.toBytes()) {
      throw new IllegalArgumentException(
          "syncplan.outbox.max-pending must be between 64KB and " + MOST + ", not " + maxPending);
    }
    if (retryAfter.isNegative() || retryAfter.isZero()) {
      throw new IllegalArgumentException("syncplan.outbox.retry-after must be positive");
    }
    if (sweepInterval.isNegative() || sweepInterval.isZero()) {
      throw new IllegalArgumentException("syncplan.outbox.sweep-interval must be positive");
    }
  }
}
