package io.syncplan.plan.plan;

import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.plan.PlanDocument.LastRun;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The plans at a glance, from this instance's plan list.
 *
 * @param total how many plans there are
 * @param byState how many are in each state (every state present, zero included)
 * @param recentFailures the plans whose last run failed or was partial, latest first
 * @param nextRuns the plans that run next, soonest first
 * @param tags every tag in use, for filters
 * @param pools every executor pool in use, for filters
 */
record PlanOverview(
    long total,
    Map<PlanHealth, Long> byState,
    List<Failure> recentFailures,
    List<NextRun> nextRuns,
    List<String> tags,
    List<String> pools) {

  /** A plan whose last run did not succeed, and why. */
  public record Failure(String planId, String planName, LastRun lastRun) {}

  /** When a plan runs next. */
  public record NextRun(String planId, String planName, Instant nextRunAt) {}

  static PlanOverview of(Collection<PlanSummary> plans, int limit) {
    Map<PlanHealth, Long> byState = new EnumMap<>(PlanHealth.class);
    for (PlanHealth state : PlanHealth.values()) {
      byState.put(state, 0L);
    }
    TreeSet<String> tags = new TreeSet<>();
    TreeSet<String> pools = new TreeSet<>();
    for (PlanSummary plan : plans) {
      byState.merge(plan.state(), 1L, Long::sum);
      tags.addAll(plan.tags());
      pools.add(plan.pool());
    }
    List<Failure> failures =
        plans.stream()
            .filter(plan -> plan.lastRun() != null && plan.lastRun().finishedAt() != null)
            .filter(
                plan ->
                    plan.lastRun().status() == RunStatus.FAILED
                        || plan.lastRun().status() == RunStatus.PARTIAL)
            .sorted(
                Comparator.comparing((PlanSummary plan) -> plan.lastRun().finishedAt()).reversed())
            .limit(limit)
            .map(plan -> new Failure(plan.id(), plan.name(), plan.lastRun()))
            .toList();
    List<NextRun> next =
        plans.stream()
            .filter(plan -> plan.nextRunAt() != null)
            .sorted(Comparator.comparing(PlanSummary::nextRunAt))
            .limit(limit)
            .map(plan -> new NextRun(plan.id(), plan.name(), plan.nextRunAt()))
            .toList();
    return new PlanOverview(
        plans.size(), byState, failures, next, List.copyOf(tags), List.copyOf(pools));
  }
}
