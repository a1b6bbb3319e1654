package io.syncplan.plan.plan;

import io.syncplan.contracts.plan.SyncMode;
import io.syncplan.contracts.run.RunStatus;
import io.syncplan.plan.plan.PlanDocument.InitState;
import java.util.List;
import java.util.Locale;

/**
 * Which plans a list shows; every given criterion must hold.
 *
 * @param tags plans carrying all of these tags
 * @param status ACTIVE or PAUSED
 * @param nameContains part of the name, ignoring case
 * @param states plans in any of these states
 * @param needsResync true: only plans that need a resync; false: only those that do not
 */
record PlanFilter(
    List<String> tags,
    SyncMode mode,
    PlanListStatus status,
    InitState initialization,
    RunStatus lastRunStatus,
    String nameContains,
    String storage,
    String pool,
    List<PlanHealth> states,
    Boolean needsResync) {

  /** Whether a plan is paused. */
  enum PlanListStatus {
    ACTIVE,
    PAUSED
  }

  PlanFilter {
    tags = tags == null ? List.of() : List.copyOf(tags);
    states = states == null ? List.of() : List.copyOf(states);
    nameContains =
        nameContains == null || nameContains.isBlank()
            ? null
            : nameContains.strip().toLowerCase(Locale.ROOT);
  }

  /** True when every plan matches. */
  boolean isEmpty() {
    return tags.isEmpty()
        && mode == null
        && status == null
        && initialization == null
        && lastRunStatus == null
        && nameContains == null
        && storage == null
        && pool == null
        && states.isEmpty()
        && needsResync == null;
  }

  boolean matches(PlanSummary plan, String nameKey) {
    return plan.tags().containsAll(tags)
        && (mode == null || plan.mode() == mode)
        && (status == null || plan.paused() == (status == PlanListStatus.PAUSED))
        && (initialization == null || plan.initialization() == initialization)
        && (lastRunStatus == null
            || (plan.lastRun() != null && plan.lastRun().status() == lastRunStatus))
        && (nameContains == null || nameKey.contains(nameContains))
        && (storage == null
            || storage.equals(plan.source().storage())
            || storage.equals(plan.destination().storage()))
        && (pool == null || pool.equals(plan.pool()))
        && (states.isEmpty() || states.contains(plan.state()))
        && (needsResync == null || needsResync == (plan.needsResync() != null));
  }
}
