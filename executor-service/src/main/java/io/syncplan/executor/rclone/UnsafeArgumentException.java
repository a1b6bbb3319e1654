package io.syncplan.executor.rclone;

/** A path or option value that rclone could read as a flag, or that breaks its argument. */
public class UnsafeArgumentException extends IllegalArgumentException {

  public UnsafeArgumentException(String message) {
    super(message);
  }
}
