package io.syncplan.executor.health;

import io.syncplan.executor.config.ExecutorProperties;
import io.syncplan.executor.run.RunDispatcher;
import io.syncplan.executor.run.RunningRuns;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Which pool this executor serves and how busy it is, in {@code /actuator/health}. */
@Component
class ExecutorHealthIndicator implements HealthIndicator {

  private final ExecutorProperties properties;
  private final RunDispatcher dispatcher;
  private final RunningRuns running;

  ExecutorHealthIndicator(
      ExecutorProperties properties, RunDispatcher dispatcher, RunningRuns running) {
    this.properties = properties;
    this.dispatcher = dispatcher;
    this.running = running;
  }

  @Override
  public Health health() {
    Health.Builder health = dispatcher.isRunning() ? Health.up() : Health.outOfService();
    return health
        .withDetail("id", properties.id())
        .withDetail("pool", properties.pool())
        .withDetail("concurrency", properties.concurrency())
        .withDetail("freeSlots", dispatcher.freeSlots())
        .withDetail("running", running.runIds())
        .build();
  }
}
