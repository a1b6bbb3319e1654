package io.syncplan.executor.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.syncplan.contracts.run.RunFinished;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * What operators watch: how runs end and how long they take ({@code syncplan.executor.runs}), how
 * much of that was rclone's own time ({@code syncplan.executor.rclone}), and how many run here now
 * ({@code syncplan.executor.running}). The difference between the first two is the executor's own
 * overhead.
 */
@Component
class RunMetrics {

  private final MeterRegistry registry;

  RunMetrics(MeterRegistry registry, RunningRuns running) {
    this.registry = registry;
    registry.gauge("syncplan.executor.running", running, RunningRuns::count);
  }

  void finished(RunFinished finished, Duration rcloneTime) {
    String status = finished.status().name();
    Timer.builder("syncplan.executor.runs")
        .description("Runs ended on this executor, from first start to outcome")
        .tag("status", status)
        .register(registry)
        .record(Duration.between(finished.startedAt(), finished.finishedAt()));
    Timer.builder("syncplan.executor.rclone")
        .description("Time rclone processes ran for the runs ended on this executor")
        .tag("status", status)
        .register(registry)
        .record(rcloneTime);
  }
}
