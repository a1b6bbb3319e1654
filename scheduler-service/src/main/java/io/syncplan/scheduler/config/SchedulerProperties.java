package io.syncplan.scheduler.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the scheduler fires.
 *
 * @param tick how often due schedules are looked for; bounds how late a command can leave
 * @param batchSize most schedules fired in one tick
 * @param lockAtMostFor how long a replica that died while firing keeps the others waiting
 */
@ConfigurationProperties("syncplan.scheduler")
public record SchedulerProperties(
    @DefaultValue("250ms") Duration tick,
    @DefaultValue("1000") int batchSize,
    @DefaultValue("10s") Duration lockAtMostFor) {

  public SchedulerProperties {
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("syncplan.scheduler.tick must be positive");
    }
    if (lockAtMostFor.compareTo(tick) <= 0) {
      throw new IllegalArgumentException(
          "syncplan.scheduler.lock-at-most-for must be longer than the tick");
    }
  }
}
