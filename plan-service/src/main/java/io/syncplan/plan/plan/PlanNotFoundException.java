package io.syncplan.plan.plan;

import io.syncplan.plan.web.NotFoundException;

/** No plan has this id or name (or it was deleted). */
public class PlanNotFoundException extends NotFoundException {

  public PlanNotFoundException(String planId) {
    super("plan", planId);
  }

  static PlanNotFoundException byName(String name) {
    return new PlanNotFoundException(name, true);
  }

  private PlanNotFoundException(String name, boolean byName) {
    super("No plan named " + name);
  }
}
