package io.syncplan.scheduler.schedule;

/** A plan's schedule cannot fire as written (a missing field, a bad zone or cron expression). */
public class InvalidScheduleException extends IllegalArgumentException {

  InvalidScheduleException(String message, Throwable cause) {
    super(message, cause);
  }
}
