package io.syncplan.plan.run;

import io.syncplan.contracts.plan.Priority;
import io.syncplan.plan.web.OneOf;

/**
 * The optional body of {@code POST /api/v1/plans/{id}/runs}.
 *
 * @param priority HIGH unless given: a run somebody asked for starts before scheduled ones
 * @param dryRun report what the run would change, changing nothing
 */
record RunNowRequest(@OneOf(Priority.class) String priority, Boolean dryRun) {

  static final RunNowRequest DEFAULT = new RunNowRequest(null, null);

  Priority priorityOrDefault() {
    return priority == null ? Priority.HIGH : Priority.valueOf(priority);
  }

  boolean isDryRun() {
    return Boolean.TRUE.equals(dryRun);
  }
}
