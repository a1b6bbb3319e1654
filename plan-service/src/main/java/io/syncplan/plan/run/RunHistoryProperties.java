package io.syncplan.plan.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the run history is kept true and bounded.
 *
 * @param reconcile how runs that nothing is heard of are found and settled
 * @param retention how long finished runs (with their logs and deliveries) are kept
 */
@ConfigurationProperties("syncplan.runs")
record RunHistoryProperties(@DefaultValue Reconcile reconcile, @DefaultValue Retention retention) {

  /**
   * @param staleAfter a run the history shows unfinished, of which neither a run event nor an
   *     executor's answer came for this long, is asked after: its command is sent to its pool
   *     again, with the same run id (an executor that has it answers where it stands; one that lost
   *     it runs it)
   * @param resends how many such questions may go unanswered before the run is ended FAILED with
   *     {@code EXECUTOR_LOST}; each answer starts the count again
   * @param interval how often the history is searched for such runs
   */
  record Reconcile(
      @DefaultValue("5m") Duration staleAfter,
      @DefaultValue("2") int resends,
      @DefaultValue("1m") Duration interval) {

    Reconcile {
      requirePositive(staleAfter, "reconcile.stale-after");
      requirePositive(interval, "reconcile.interval");
      if (resends < 0) {
        throw new IllegalArgumentException("syncplan.runs.reconcile.resends must not be negative");
      }
    }
  }

  /**
   * @param maxAge finished runs older than this are removed, with their logs and their notification
   *     deliveries
   * @param perPlan at most this many finished runs are kept per plan, the newest
   * @param deliveriesMaxAge notification deliveries older than this are removed, also those of runs
   *     still kept
   * @param interval how often the history is pruned
   */
  record Retention(
      @DefaultValue("90d") Duration maxAge,
      @DefaultValue("1000") int perPlan,
      @DefaultValue("30d") Duration deliveriesMaxAge,
      @DefaultValue("1h") Duration interval) {

    Retention {
      requirePositive(maxAge, "retention.max-age");
      requirePositive(deliveriesMaxAge, "retention.deliveries-max-age");
      requirePositive(interval, "retention.interval");
      if (perPlan < 1) {
        throw new IllegalArgumentException("syncplan.runs.retention.per-plan must be at least 1");
      }
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("syncplan.runs." + name + " must be a positive duration");
    }
  }
}
