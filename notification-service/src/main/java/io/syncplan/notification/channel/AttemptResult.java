package io.syncplan.notification.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * How one attempt to reach a channel went.
 *
 * @param responseCode the HTTP status or SMTP reply code, when the receiver answered
 * @param error what went wrong, safe to log and publish (no URL path, no secret); null on success
 * @param retryAfter how long the receiver asked us to wait ({@code Retry-After}), or null
 */
public record AttemptResult(
    Verdict verdict, Integer responseCode, String error, Duration retryAfter) {

  public enum Verdict {
    DELIVERED,
    /** Worth another attempt: unreachable, timed out, 5xx, 429, a temporary SMTP reply. */
    RETRYABLE,
    /** Another attempt would fail the same way: a 4xx, a bad address, a bad configuration. */
    REJECTED
  }

  public AttemptResult {
    Objects.requireNonNull(verdict, "verdict");
  }

  public static AttemptResult delivered(Integer responseCode) {
    return new AttemptResult(Verdict.DELIVERED, responseCode, null, null);
  }

  public static AttemptResult retryable(Integer responseCode, String error, Duration retryAfter) {
    return new AttemptResult(Verdict.RETRYABLE, responseCode, error, retryAfter);
  }

  public static AttemptResult rejected(Integer responseCode, String error) {
    return new AttemptResult(Verdict.REJECTED, responseCode, error, null);
  }

  public boolean delivered() {
    return verdict == Verdict.DELIVERED;
  }

  public boolean retryable() {
    return verdict == Verdict.RETRYABLE;
  }
}
