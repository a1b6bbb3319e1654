package io.syncplan.plan.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code syncplan.runs.reconciled}: what the reconciliation of unfinished runs did, by {@code
 * action}: {@code resent} (a run nothing was heard of had its command sent again), {@code ended}
 * (no executor answered: the run was ended FAILED, {@code EXECUTOR_LOST}), {@code restored} (an
 * executor answered with the outcome the history had missed).
 */
@Component
class ReconcileMetrics {

  private final Counter resent;
  private final Counter ended;
  private final Counter restored;

  ReconcileMetrics(MeterRegistry registry) {
    this.resent = counter(registry, "resent");
    this.ended = counter(registry, "ended");
    this.restored = counter(registry, "restored");
  }

  private static Counter counter(MeterRegistry registry, String action) {
    return Counter.builder("syncplan.runs.reconciled")
        .description("Unfinished runs nothing was heard of, by what was done about them")
        .tag("action", action)
        .register(registry);
  }

  void resent() {
    resent.increment();
  }

  void ended() {
    ended.increment();
  }

  void restored() {
    restored.increment();
  }
}
