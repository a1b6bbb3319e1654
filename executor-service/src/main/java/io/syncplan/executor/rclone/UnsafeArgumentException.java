package io.syncplan.executor.rclone;

/**
 * A plan value that rclone could read as a flag, that breaks its argument or line, or that is not
 * valid for its setting. A run that meets one fails at once and is not retried.
 */
public class UnsafeArgumentException extends IllegalArgumentException {

  public UnsafeArgumentException(String message) {
    super(message);
  }
}
