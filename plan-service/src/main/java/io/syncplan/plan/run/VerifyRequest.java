package io.syncplan.plan.run;

import io.syncplan.contracts.plan.Priority;
import io.syncplan.contracts.plan.VerifyMethod;
import io.syncplan.plan.web.OneOf;

/**
 * The optional body of {@code POST /api/v1/plans/{id}/verify}.
 *
 * @param method SIZE, CHECKSUM or DOWNLOAD; the plan's verify method when absent
 * @param priority HIGH unless given
 */
record VerifyRequest(
    @OneOf(VerifyMethod.class) String method, @OneOf(Priority.class) String priority) {

  static final VerifyRequest DEFAULT = new VerifyRequest(null, null);

  Priority priorityOrDefault() {
    return priority == null ? Priority.HIGH : Priority.valueOf(priority);
  }
}
