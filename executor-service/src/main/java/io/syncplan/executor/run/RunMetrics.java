package io.syncplan.executor.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.syncplan.contracts.plan.PlanSnapshot;
import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStats;
import io.syncplan.executor.config.ExecutorProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * What operators watch, tagged by the executor's {@code pool} (see docs/executor.md): how runs end
 * and how long they take ({@code syncplan.executor.runs}, by status and mode, with a histogram),
 * how much of that was rclone's own time ({@code syncplan.executor.rclone}; the difference is the
 * executor's overhead), what they moved ({@code syncplan.executor.transferred} bytes, {@code
 * syncplan.executor.files} by change), how often attempts were retried, how many runs run here now
 * against how many may, and how many were handed back at shutdown. The runs waiting for a free
 * executor are counted by {@link WaitingRuns}.
 */
@Component
class RunMetrics {

  private final MeterRegistry registry;
  private final String pool;
  private final Counter handedBack;
  private final Counter fenced;

  RunMetrics(MeterRegistry registry, RunningRuns running, ExecutorProperties properties) {
    this.registry = registry;
    this.pool = properties.pool();
    Gauge.builder("syncplan.executor.running", running, RunningRuns::count)
        .description("Runs running on this executor now")
        .tag("pool", pool)
        .register(registry);
    Gauge.builder("syncplan.executor.concurrency", properties, ExecutorProperties::concurrency)
        .description("Runs this executor may run at the same time")
        .tag("pool", pool)
        .register(registry);
    this.handedBack =
        Counter.builder("syncplan.executor.runs.handed.back")
            .description("Runs this executor handed back to the ledger when it shut down")
            .tag("pool", pool)
            .register(registry);
    this.fenced =
        Counter.builder("syncplan.executor.runs.fenced")
            .description(
                "Runs this executor stopped because it could not renew their lease in time")
            .tag("pool", pool)
            .register(registry);
  }

  void finished(RunFinished finished, SyncMode mode, Duration rcloneTime) {
    String modeName = mode.name();
    String kind = finished.kind().name();
    Timer.builder("syncplan.executor.runs")
        .description("Runs ended on this executor, from first start to outcome")
        .tag("status", finished.status().name())
        .tag("mode", modeName)
        .tag("kind", kind)
        .tag("pool", pool)
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.between(finished.startedAt(), finished.finishedAt()));
    Timer.builder("syncplan.executor.rclone")
        .description("Time rclone processes ran for the runs ended on this executor")
        .tag("status", finished.status().name())
        .tag("mode", modeName)
        .tag("kind", kind)
        .tag("pool", pool)
        .register(registry)
        .record(rcloneTime);
    RunStats stats = finished.stats() == null ? RunStats.EMPTY : finished.stats();
    Counter.builder("syncplan.executor.transferred")
        .description("Bytes transferred by the runs ended on this executor")
        .baseUnit("bytes")
        .tag("mode", modeName)
        .tag("pool", pool)
        .register(registry)
        .increment(stats.bytesTransferred());
    files("added", modeName, stats.filesAdded());
    files("modified", modeName, stats.filesModified());
    files("deleted", modeName, stats.filesDeleted());
  }

  private void files(String change, String mode, long count) {
    Counter.builder("syncplan.executor.files")
        .description("Files changed on the destination by the runs ended on this executor")
        .tag("change", change)
        .tag("mode", mode)
        .tag("pool", pool)
        .register(registry)
        .increment(count);
  }

  /** An attempt failed and is retried. */
  void retried(PlanSnapshot plan) {
    Counter.builder("syncplan.executor.retries")
        .description("Attempts retried after a retryable failure")
        .tag("mode", plan.mode().name())
        .tag("pool", pool)
        .register(registry)
        .increment();
  }

  /** A run was given back to the ledger because this executor shuts down. */
  void handedBack() {
    handedBack.increment();
  }

  /** A run was stopped because its lease could not be renewed before its deadline. */
  void fenced() {
    fenced.increment();
  }
}
