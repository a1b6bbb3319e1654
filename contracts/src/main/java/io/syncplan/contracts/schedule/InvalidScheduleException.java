package io.syncplan.contracts.schedule;

/**
 * A schedule cannot fire as written (a missing field, a bad zone or cron expression); the message
 * names each problem, as {@link ScheduleRules#problems} finds them.
 */
public class InvalidScheduleException extends IllegalArgumentException {

  InvalidScheduleException(String message) {
    super(message);
  }
}
