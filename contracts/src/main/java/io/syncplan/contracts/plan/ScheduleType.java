package io.syncplan.contracts.plan;

/** How a plan's fire times are described. */
public enum ScheduleType {
  /** Every {@code everyMinutes} minutes. */
  INTERVAL,
  /** Every hour at {@code minute}. */
  HOURLY,
  /** Every day at {@code time}. */
  DAILY,
  /** On each of {@code days} at {@code time}. */
  WEEKLY,
  /** On {@code dayOfMonth} (or the last day) at {@code time}. */
  MONTHLY,
  /** A Spring cron expression with six fields, seconds first. */
  CRON
}
