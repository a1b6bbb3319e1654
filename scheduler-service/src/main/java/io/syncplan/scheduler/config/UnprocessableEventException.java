package io.syncplan.scheduler.config;

/**
 * An event that was read but cannot be applied. It is parked on the dead-letter topic at once
 * rather than retried, since trying again would fail the same way.
 */
public class UnprocessableEventException extends RuntimeException {

  public UnprocessableEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
