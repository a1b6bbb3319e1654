package io.syncplan.contracts.run;

import io.syncplan.contracts.plan.VerifyMethod;
import io.syncplan.contracts.plan.VerifyPolicy;

/** How a VERIFY run compares the plan's destination with its source. */
public record VerifySpec(VerifyMethod method) {

  public VerifySpec {
    method = method == null ? VerifyPolicy.DEFAULT_METHOD : method;
  }
}
