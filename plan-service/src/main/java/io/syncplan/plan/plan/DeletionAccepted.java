package io.syncplan.plan.plan;

import io.syncplan.plan.web.InvalidRequestException;

/**
 * The answer to a plan's deletion that asked for its destination's data to be removed too: the plan
 * is gone, the removal is on its way to an executor of the plan's pool, whose outcome is logged
 * here and published on {@code syncplan.executor-results}.
 */
record DeletionAccepted(String planId, String destinationPurge) {

  static final String PARAMETER = "deleteDestinationData";

  static DeletionAccepted purging(String planId) {
    return new DeletionAccepted(planId, "REQUESTED");
  }

  /** True for "true", false when absent or "false"; anything else is refused. */
  static boolean purgeRequested(String value) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw new InvalidRequestException(PARAMETER, "must be true or false");
  }
}
