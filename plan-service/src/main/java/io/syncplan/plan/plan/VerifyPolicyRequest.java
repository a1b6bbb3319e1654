package io.syncplan.plan.plan;

import io.swagger.v3.oas.annotations.media.Schema;
import io.syncplan.contracts.plan.VerifyAfter;
import io.syncplan.contracts.plan.VerifyMethod;
import io.syncplan.contracts.plan.VerifyPolicy;
import io.syncplan.plan.web.OneOf;

/**
 * Whether the plan verifies its destination by itself: never, after every successful sync run, or
 * once a day; and how (SIZE, CHECKSUM or DOWNLOAD).
 */
record VerifyPolicyRequest(
    @Schema(
            allowableValues = {"NEVER", "EVERY_RUN", "DAILY"},
            defaultValue = "NEVER")
        @OneOf(VerifyAfter.class)
        String after,
    @Schema(
            allowableValues = {"SIZE", "CHECKSUM", "DOWNLOAD"},
            defaultValue = "CHECKSUM")
        @OneOf(VerifyMethod.class)
        String method) {

  VerifyPolicy policy() {
    return new VerifyPolicy(
        after == null ? null : VerifyAfter.valueOf(after),
        method == null ? null : VerifyMethod.valueOf(method));
  }

  static VerifyPolicyRequest of(VerifyPolicy policy) {
    return new VerifyPolicyRequest(policy.after().name(), policy.method().name());
  }
}
