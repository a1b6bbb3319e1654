package io.syncplan.plan.plan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncplan.contracts.run.RunFinished;
import io.syncplan.contracts.run.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Pauses a plan whose schedule says {@code pauseAfterFailures: N} once N runs in a row failed (or
 * ended partially): the count is the plan's {@code consecutiveFailures}, which a success and a
 * resume set back to zero. The pause is a change of the plan like a user's, published through its
 * outbox, so the scheduler stops firing it and notification-service tells its channels (PAUSED).
 *
 * <p>It is decided on the run that made the count reach N (the plan's last run), so a redelivered
 * run event pauses a plan whose pause was lost, and never one that was resumed since.
 */
@Component
class FailurePause {

  static final String PAUSED_AFTER_FAILURES = "syncplan.plan.paused.after.failures";

  private static final Logger log = LoggerFactory.getLogger(FailurePause.class);
  private static final int MAX_MESSAGE = 300;

  private final PlanService plans;
  private final Counter paused;

  FailurePause(PlanService plans, MeterRegistry registry) {
    this.plans = plans;
    this.paused =
        Counter.builder(PAUSED_AFTER_FAILURES)
            .description("Plans that paused themselves after pauseAfterFailures failed runs")
            .register(registry);
  }

  /** Pauses the run's plan if this run was the last of too many failures in a row. */
  Mono<Void> afterRun(RunFinished finished) {
    if (finished.dryRun()
        || (finished.status() != RunStatus.FAILED && finished.status() != RunStatus.PARTIAL)) {
      return Mono.empty();
    }
    return plans
        .pauseItself(finished.planId(), plan -> due(plan, finished), plan -> reason(plan, finished))
        .doOnNext(
            pausedNow -> {
              if (pausedNow) {
                paused.increment();
                log.info(
                    "Plan {} paused itself: run {} was its last of too many failed runs in a row",
                    finished.planId(),
                    finished.runId());
              }
            })
        .then();
  }

  static boolean due(PlanDocument plan, RunFinished finished) {
    Integer limit = limit(plan);
    return limit != null
        && plan.consecutiveFailures() >= limit
        && plan.lastRun() != null
        && finished.runId().equals(plan.lastRun().runId());
  }

  private static Integer limit(PlanDocument plan) {
    return plan.plan().schedule() == null ? null : plan.plan().schedule().pauseAfterFailures();
  }

  /** For example: Paused after 3 failed runs in a row; the last, run 8f2…, failed: RCLONE_ERROR. */
  static String reason(PlanDocument plan, RunFinished finished) {
    StringBuilder reason =
        new StringBuilder("Paused after ")
            .append(plan.consecutiveFailures())
            .append(" failed runs in a row; the last, run ")
            .append(finished.runId())
            .append(finished.status() == RunStatus.PARTIAL ? ", ended partially" : ", failed");
    if (finished.error() != null && finished.error().reason() != null) {
      reason.append(": ").append(finished.error().reason());
      String message = finished.error().message();
      if (message != null && !message.isBlank()) {
        reason
            .append(" (")
            .append(
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message)
            .append(')');
      }
    }
    return reason.toString();
  }
}
