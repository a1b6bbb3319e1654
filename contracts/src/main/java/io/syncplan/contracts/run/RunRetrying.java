package io.syncplan.contracts.run;

import io.syncplan.contracts.message.Message;
import java.time.Instant;

/**
 * An attempt failed for a retryable reason; the next one starts at {@code nextAttemptAt}.
 *
 * @param attempt the attempt that failed, starting at 1
 */
public record RunRetrying(
    String runId, String planId, int attempt, int maxAttempts, String reason, Instant nextAttemptAt)
    implements Message {}
