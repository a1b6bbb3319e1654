package io.syncplan.plan.plan;

import io.syncplan.plan.config.PlanApiProperties;
import java.time.Duration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Refreshes this instance's plan list every {@code plan-list-refresh}, the first time at the start.
 * Apart from {@link PlanCatalog}, so that the catalogue is only a catalogue (and a stand-in for it
 * in a web slice test is not scheduled).
 */
@Component
class PlanListRefresh implements SchedulingConfigurer {

  private final PlanCatalog catalog;
  private final Duration every;

  PlanListRefresh(PlanCatalog catalog, PlanApiProperties properties) {
    this.catalog = catalog;
    this.every = properties.planListRefresh();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(catalog::refresh, every, Duration.ZERO));
  }
}
